# shellcheck shell=bash
# setup_env EXTRAS: create .venv with Python 3.11+ and install the project (idempotent, quiet when done).
setup_env() {
  local extras="$1" py="${PYTHON:-python3}"
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "需要 Python 3.11 或更高版本 (Python >= 3.11 required)" >&2; exit 2
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$py" -m venv .venv 2>/dev/null; then
      # Debian splits venv out of the interpreter package
      if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        rm -rf .venv && "$py" -m venv .venv
      else
        echo "请先安装 python3-venv (apt-get install python3-venv)" >&2; exit 2
      fi
    fi
  fi
  local stamp=".venv/.installed${extras}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".${extras}"
    touch "$stamp"
  fi
  # bytecode of the sources, as a regular pip install writes it (an editable install does not): the commands start
  # without compiling 3,000 lines first; only files changed since are compiled again (a second or less)
  .venv/bin/python -m compileall -q src/planwatch >/dev/null
}

# ensure_debian_packages PKG...: install Debian packages the tests need (fonts for the PDF renderings).
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "安装系统软件包 (installing): ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "请先安装 (please install): sudo apt-get install ${missing[*]}" >&2; exit 2
  fi
}

# ensure_postgres: a PostgreSQL server on 127.0.0.1:5432 for the tests; prints the URL to use.
ensure_postgres() {
  local url="${PLANWATCH_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/planwatch}"
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    if [ ! -d /etc/postgresql ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      echo "安装 PostgreSQL (installing PostgreSQL for the tests)" >&2
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      local fresh=1
    fi
    if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start >/dev/null 2>&1 || true
      for _ in $(seq 1 20); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
    fi
    if [ "${fresh:-0}" = 1 ]; then  # a fresh Debian install authenticates TCP clients by password
      su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
      url="postgres://postgres:postgres@127.0.0.1:5432/planwatch"
    fi
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "没有可用的 PostgreSQL（127.0.0.1:5432）；请启动数据库或设置 PLANWATCH_TEST_DATABASE_URL" >&2; exit 2
  fi
  echo "$url"
}
