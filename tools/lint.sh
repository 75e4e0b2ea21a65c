#!/usr/bin/env bash
# Lint of Éco-clic for Odoo: the hooks of .pre-commit-config.yaml (ruff, pylint-odoo with
# .pylintrc-mandatory, OCA's module checks, prettier...), on the whole tree by default.
#
#   tools/lint.sh                    every check on every file (what CI runs)
#   tools/lint.sh --files A.py B.xml every check on these files
#   tools/lint.sh ruff --all-files   one hook (any `pre-commit run` arguments)
#   tools/lint.sh --fix [FILES...]   rewrite with ruff (--fix, format), prettier and
#                                    tools/gen_addon_readme.py, at the pinned versions; on
#                                    every file when none is given
#   SKIP=prettier tools/lint.sh      without some hooks (pre-commit's SKIP)
#
# Needs python3 (with venv: Debian's python3-venv) and, for prettier, node and npm
# (Debian's nodejs and npm). pre-commit itself is used from PATH when it is there,
# else installed into .devenv/lint-venv; the hooks' tools are installed by pre-commit
# from PyPI and npm into its cache (~/.cache/pre-commit, or $PRE_COMMIT_HOME).
set -euo pipefail
cd "$(dirname "$0")/.."

PRE_COMMIT_VERSION=4.7.0

find_pre_commit() {
    if command -v pre-commit >/dev/null 2>&1; then
        command -v pre-commit
        return
    fi
    local venv=${ECOCLIC_STATE_DIR:-.devenv}/lint-venv
    if [[ ! -x $venv/bin/pre-commit ]]; then
        echo "tools/lint.sh: installing pre-commit $PRE_COMMIT_VERSION into $venv" >&2
        mkdir -p "$(dirname "$venv")"
        if ! python3 -m venv "$venv" >&2; then
            rm -rf "$venv"
            echo "tools/lint.sh: \`python3 -m venv\` failed (Debian: apt-get install" \
                 "python3-venv)" >&2
            exit 2
        fi
        "$venv/bin/python" -m pip install -q --disable-pip-version-check \
            "pre-commit==$PRE_COMMIT_VERSION" >&2
    fi
    echo "$venv/bin/pre-commit"
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    case ",${SKIP:-}," in
        *,prettier,*) ;;
        *)
            echo "tools/lint.sh: prettier needs node and npm (Debian: apt-get install nodejs" \
                 "npm); to lint without it: SKIP=prettier,prettier-write tools/lint.sh" >&2
            exit 2
            ;;
    esac
fi

pre_commit=$(find_pre_commit)

if [[ ${1:-} == --fix ]]; then
    shift
    if (($#)); then targets=(--files "$@"); else targets=(--all-files); fi
    status=0
    for hook in ruff-fix ruff-format-write prettier-write addon-readme-write; do
        "$pre_commit" run --hook-stage manual "$hook" "${targets[@]}" || status=1
    done
    # ruff --fix and the formatters leave what they cannot fix: say what is left.
    echo "tools/lint.sh: fixed what the tools can; now checking." >&2
    "$pre_commit" run "${targets[@]}" || status=1
    exit $status
fi

if (($# == 0)); then
    set -- --all-files
fi
exec "$pre_commit" run "$@"
