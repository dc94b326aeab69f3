from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from . import language, narrative, report_jobs, reports
from .accounts import views as account_views
from .api import api
from .ledgers import views as ledger_views
from .monitoring import views as monitoring_views
from .plans import views as plan_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="overview", permanent=False)),
    path("overview/", monitoring_views.overview, name="overview"),
    path("public/", monitoring_views.public, name="public"),
    path("plans/<int:plan>/indicators/<int:no>/", monitoring_views.indicator, name="indicator"),
    path("plans/", plan_views.plans_list, name="plans"),
    path("plans/import/", plan_views.plan_import, name="plan_import"),
    path("plans/<int:pk>/review/", plan_views.plan_review, name="plan_review"),
    path("plans/<int:pk>/", plan_views.plan_outline, name="plan"),
    path("plans/<int:pk>/assignments/", plan_views.assignments, name="assignments"),
    path("plans/<int:pk>/linkage/", plan_views.linkage, name="linkage"),
    path("plans/<int:pk>/lineage/", plan_views.lineage_page, name="lineage"),
    path("report/", monitoring_views.report, name="report"),
    path("report/save/", monitoring_views.save, name="save"),
    path("observations/<int:pk>/move/", monitoring_views.move, name="move"),
    path("review/", monitoring_views.review, name="review"),
    path("rounds/", monitoring_views.rounds, name="rounds"),
    path("search/", plan_views.search_page, name="search"),
    path("reports/download/", reports.report_download, name="report_download"),
    path("ledgers/<str:kind>/", ledger_views.ledger, name="ledger"),
    path("ledgers/<str:kind>/<int:pk>/progress/", ledger_views.progress, name="progress"),
    path("ledgers/<str:kind>/<int:pk>/notice/", ledger_views.notice, name="notice"),
    path("ledgers/<str:kind>/<int:pk>/", ledger_views.ledger_item, name="ledger_item"),
    path("ledgers/<str:kind>/<int:pk>/milestones/", ledger_views.milestone_add, name="milestone_add"),
    path("ledgers/<str:kind>/<int:pk>/milestones/<int:mid>/done/", ledger_views.milestone_done,
         name="milestone_done"),
    path("ledgers/<str:kind>/<int:pk>/evidence/", ledger_views.evidence_upload, name="evidence_upload"),
    path("ledgers/<str:kind>/<int:pk>/evidence/<int:eid>/", ledger_views.evidence_download,
         name="evidence_download"),
    path("ledgers/<str:kind>/<int:pk>/evidence/<int:eid>/delete/", ledger_views.evidence_delete,
         name="evidence_delete"),
    path("supervision/", ledger_views.notices, name="notices"),
    path("supervision/<int:pk>/<str:action>/", ledger_views.notice_action, name="notice_action"),
    path("departments/<int:pk>/", ledger_views.department, name="department"),
    path("login/", auth_views.LoginView.as_view(), name="login"),  # throttled by django-axes (auth.py)
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", account_views.account, name="account"),
    path("account/password/", account_views.PasswordChange.as_view(), name="password_change"),
    path("account/tokens/<int:pk>/revoke/", account_views.token_revoke, name="token_revoke"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ledgers/<str:kind>/export/", ledger_views.ledger_export, name="ledger_export"),
    path("ledgers/projects/import/", ledger_views.project_import, name="project_import"),
    path("ledgers/projects/<int:pk>/details/", ledger_views.project_details, name="project_details"),
    path("supervision/<int:pk>/", ledger_views.notice_page, name="notice_page"),
    path("supervision/print/<int:pk>/", ledger_views.notice_print, name="notice_print"),
    path("supervision/files/<int:aid>/", ledger_views.notice_file, name="notice_file"),
    path("departments/", ledger_views.departments, name="departments"),
    path("language/", language.switch, name="language"),  # the switch, remembered per user (language.py)
    path("favicon.ico", RedirectView.as_view(url="/static/planwatch/favicon.svg", permanent=True)),
    path("review/bulk/", monitoring_views.review_bulk, name="review_bulk"),
    path("rounds/<int:pk>/sheet/", monitoring_views.round_sheet, name="round_sheet"),
    path("plans/<int:pk>/annual/", plan_views.annual_targets, name="annual_targets"),  # 年度目标
    path("reports/narrative/", narrative.report_narrative, name="report_narrative"),  # 报告文本
    path("reports/batch/", report_jobs.batch_page, name="report_batch"),  # 分地区批量报告 (report_jobs.py)
    path("reports/batch/<int:pk>/", report_jobs.batch_job, name="report_batch_job"),
    path("reports/batch/<int:pk>/progress/", report_jobs.batch_progress, name="report_batch_progress"),
    path("reports/batch/<int:pk>/download/", report_jobs.batch_download, name="report_batch_download"),
]
