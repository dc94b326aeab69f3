"""The ``planwatch`` command. Every failure is one line on stderr and exit code 2; nothing is written."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .core.errors import PlanwatchError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _write(text: str, out: str | None) -> None:
    """Print, or write atomically: a half-written output file never replaces a good one."""
    if out is None:
        sys.stdout.write(text)
        return
    target = Path(out)
    if target.is_dir():
        raise PlanwatchError(f"{out}: 是目录，请给出输出文件名")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise PlanwatchError(f"{out}: 输出目录不存在")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _max_bytes(args: argparse.Namespace) -> int:
    return int(args.max_size_mb * 1024 * 1024)


def cmd_extract(args: argparse.Namespace) -> int:
    from .core.extract import extract_plan
    from .core.serialize import plan_dict, plan_text

    plan = extract_plan(args.path, _max_bytes(args))
    if args.format == "json":
        text = json.dumps(plan_dict(plan), ensure_ascii=False, indent=2) + "\n"
    else:
        text = plan_text(plan)
    _write(text, args.output)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .core.consistency import check_plan
    from .core.extract import extract_plan, stated_counts
    from .core.readers import read_document

    plan = extract_plan(args.path, _max_bytes(args))
    expected = None
    if args.expect:
        doc = read_document(args.expect, _max_bytes(args))
        text = "\n".join(getattr(b, "text", "") or "\n".join(getattr(b, "paragraphs", ())) for b in doc.blocks)
        expected = stated_counts(text)
        if not expected:
            raise PlanwatchError(f"{args.expect}: 没有找到关于章、节、专栏或指标数量的表述")
    findings = check_plan(plan, expected, Path(args.expect).name if args.expect else "说明文件")
    if args.format == "json":
        text = json.dumps([{"code": f.code, "message": f.message, "location": f.location, "details": f.details}
                           for f in findings], ensure_ascii=False, indent=2) + "\n"
    elif findings:
        text = f"发现 {len(findings)} 处不一致：\n" + "".join(f"- {f.message}  [{f.location}]\n" for f in findings)
    else:
        text = "未发现不一致。\n"
    _write(text, args.output)
    return EXIT_FINDINGS if findings else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planwatch", description="Planwatch 规划实施监测评估平台")
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("path", help="规划文本 (.txt/.docx/.pdf/.html) 或指标表 (.csv/.xlsx)")
    common.add_argument("--format", choices=("text", "json"), default="text")
    common.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
    common.add_argument("--max-size-mb", type=float, default=50, help="输入文件大小上限 (MB)，默认 50")
    p = sub.add_parser("extract", parents=[common], help="把规划文本数字化为结构化数据")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("check", parents=[common], help="检查规划内部的不一致之处（有发现时退出码为 1）")
    p.add_argument("--expect", help="写明结构数量的说明文件（如政策解读：“10章45节26个专栏”）")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PlanwatchError as exc:
        print(f"planwatch: 错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"planwatch: 错误：{exc.filename or ''} {exc.strerror or exc}".strip(), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("planwatch: 已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
