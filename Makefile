# Developer commands of Éco-clic for Odoo; all of them are in tools/devctl.py.
# PYTHON runs the command itself (standard library only); Odoo's Python is found
# separately (ODOO_PYTHON overrides it, see README.md).
PYTHON ?= python3

.PHONY: demo test pot lint pg-start pg-stop

demo:  ## build the demo database and serve it on http://localhost:8069
	$(PYTHON) tools/devctl.py demo

test:  ## fresh database, install both add-ons, run every test
	$(PYTHON) tools/devctl.py test

pot:   ## regenerate the .pot files from the test database and merge fr.po
	$(PYTHON) tools/devctl.py pot

lint:  ## every lint check on the whole tree (pre-commit; see DEVELOPERS.md, "Lint")
	bash tools/lint.sh

pg-start:
	$(PYTHON) tools/devctl.py pg start

pg-stop:
	$(PYTHON) tools/devctl.py pg stop
