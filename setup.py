"""Packaging of the Éco-clic add-ons, laid out the way OCA's setuptools-odoo does.

``pip install .`` installs ``ecoclic_odoo`` and ``ecoclic_odoo_opsn`` as the packages
``odoo.addons.ecoclic_odoo`` and ``odoo.addons.ecoclic_odoo_opsn`` (``odoo.addons``
stays a namespace: nothing here installs ``odoo/__init__.py``), so Odoo finds them
without an ``addons_path`` entry. Odoo 18.0 itself is not on PyPI and is installed
separately (see DEVELOPERS.md); the developer commands in ``tools/devctl.py`` use the
working tree directly and refuse to run when a ``pip install .`` copy would shadow it.

"""

import ast
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
ADDONS = ("ecoclic_odoo", "ecoclic_odoo_opsn")


def manifest(addon):
    return ast.literal_eval((HERE / addon / "__manifest__.py").read_text(encoding="utf-8"))


def addon_layout():
    packages, package_dir, package_data = [], {}, {}
    for addon in ADDONS:
        root = HERE / addon
        for init in sorted(root.rglob("__init__.py")):
            rel = init.parent.relative_to(HERE)
            name = "odoo.addons." + ".".join(rel.parts)
            packages.append(name)
            package_dir[name] = rel.as_posix()
        package_data["odoo.addons." + addon] = sorted(
            path.relative_to(root).as_posix()
            for path in root.rglob("*")
            if path.is_file()
            and path.suffix not in (".py", ".pyc")
            and "__pycache__" not in path.parts
        )
    return packages, package_dir, package_data


packages, package_dir, package_data = addon_layout()
main = manifest("ecoclic_odoo")

setup(
    name="ecoclic-odoo",
    version=main["version"],
    description=main["summary"],
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    author=main["author"],
    url=main["website"],
    license="AGPL-3.0-or-later",
    python_requires=">=3.10",
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    include_package_data=False,
    zip_safe=False,
    install_requires=[
        # The versions Odoo 18.0 pins for Python 3.11 are the floor.
        # Both manifests' external_dependencies, and psycopg2.
        "psycopg2>=2.9.5,<3",
        "openpyxl>=3.0.9",
        "python-stdnum>=1.19",
        "reportlab>=3.6.12",
        "xlsxwriter>=3.0.2",
    ],
    extras_require={
        "test": [
            "pytest>=8,<9",
            "pytest-odoo==2.3.0",
            "websocket-client>=1.6",
        ],
        # The benchmark's plot (tests/benchmarks/report.py); optional.
        "bench": [
            "matplotlib>=3.6",
            # The load test (tests/benchmarks/load/); `devctl.py load` installs it into a
            # virtualenv of its own, since it pins a gevent of its own.
            "locust==2.47.0",
        ],
    },
    classifiers=[
        "Framework :: Odoo",
        "Framework :: Odoo :: 18.0",
        "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)",
        "Programming Language :: Python :: 3",
    ],
)
