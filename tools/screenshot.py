#!/usr/bin/env python3
"""Screenshots of Odoo screens as a persona sees them, in headless Chromium (1440×900).

    python3 tools/screenshot.py --base http://localhost:8069 --db ecoclic_demo \\
        --login referent.morvan --out /tmp/shots \\
        dashboard=/odoo/ecoclic-dashboard plan=/odoo/action-ecoclic_odoo.action_ecoclic_plan_line

Each ``NAME=PATH`` opens PATH as that user and writes ``NAME.png`` to ``--out``; a shot may
then click elements before it is taken: ``NAME=PATH|click:CSS|click:CSS``, wait for one
(``|wait:CSS``) or scroll it into view (``|scroll:CSS``). The password is the login unless
``--password`` is given (the demo's rule).
Each shot waits until Odoo shows no loading indicator and the page's text stops changing,
and prints the breadcrumbs' text and the elements cut with an ellipsis (text-overflow), so
a walk can be read without opening the images.

It drives Chromium through its DevTools protocol with ``websocket-client``, which the
browser tours already need: no WebDriver to install. Standard library otherwise.
"""

import argparse
import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

# Cut texts and breadcrumbs, read in the page after each shot.
REPORT_JS = """
(() => {
    const cut = [];
    for (const node of document.querySelectorAll('.o_action_manager *, .modal *')) {
        if (!node.offsetParent || !node.textContent.trim()) continue;
        const style = getComputedStyle(node);
        if (style.textOverflow === 'ellipsis' && node.scrollWidth > node.clientWidth + 1) {
            cut.push(node.textContent.trim().replace(/\\s+/g, ' ').slice(0, 80));
        }
    }
    const crumbs = [...document.querySelectorAll('.o_breadcrumb .breadcrumb-item, '
        + '.o_breadcrumb .o_last_breadcrumb_item')].map((el) => el.innerText.trim());
    return JSON.stringify({cut: [...new Set(cut)], crumbs});
})()
"""

# True when the web client is idle: no loading indicator, no blocked UI.
IDLE_JS = """
(() => !document.querySelector('.o_loading_indicator, .o_blockUI')
    && document.readyState === 'complete'
    && (document.body ? document.body.innerText.length : 0))
"""


class Browser:
    """One headless Chromium, one tab, driven through the DevTools protocol."""

    def __init__(self, width, height, chromium):
        self.profile = tempfile.mkdtemp(prefix="ecoclic-shot-")
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--lang=fr-FR",
                f"--window-size={width},{height}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = itertools.count(1)
        self.call("Page.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _port(self):
        marker = Path(self.profile) / "DevToolsActivePort"
        for _ in range(200):
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            time.sleep(0.05)
        raise RuntimeError("Chromium did not open its DevTools port")

    def call(self, method, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def goto(self, url):
        self.call("Page.navigate", url=url)
        time.sleep(0.5)

    def wait_idle(self, timeout=10.0):
        """Until the client is idle and the screen's text is the same twice, 400 ms apart."""
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            if self.js(IDLE_JS):
                text = self.js(
                    "(document.querySelector('.o_action_manager') || document.body).innerText"
                )
                if text == last:
                    return
                last = text
            time.sleep(0.4)

    def wait_for(self, selector, timeout=20.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(f"!!document.querySelector({json.dumps(selector)})"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"not found: {selector}")

    def click(self, selector):
        self.wait_for(selector)
        self.js(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_idle()

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


def login(browser, base, db, user, password):
    browser.goto(f"{base}/web/login?db={db}" if db else f"{base}/web/login")
    browser.wait_for("input[name=login]")
    browser.js(
        f"document.querySelector('input[name=login]').value = {json.dumps(user)};"
        f"document.querySelector('input[name=password]').value = {json.dumps(password)};"
        "document.querySelector('form.oe_login_form').submit();"
    )
    time.sleep(1)
    browser.wait_idle()
    if "/web/login" in browser.js("location.href"):
        raise RuntimeError(f"login refused for {user}")


def take(browser, base, name, spec, out):
    path, *steps = spec.split("|")
    browser.goto(base + path)
    browser.wait_idle()
    for step in steps:
        kind, _, selector = step.partition(":")
        if kind == "click":
            browser.click(selector)
        elif kind == "wait":
            browser.wait_for(selector)
            browser.wait_idle()
        elif kind == "scroll":
            browser.wait_for(selector)
            browser.js(
                f"document.querySelector({json.dumps(selector)})"
                ".scrollIntoView({block: 'center'})"
            )
            time.sleep(0.3)
        else:
            raise SystemExit(f"unknown step {step!r} (click:, wait: or scroll:CSS)")
    target = Path(out) / f"{name}.png"
    browser.screenshot(target)
    report = json.loads(browser.js(REPORT_JS))
    print(f"{target}: {' > '.join(report['crumbs'])}", flush=True)
    for text in report["cut"]:
        print(f"    cut: {text}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://localhost:8069")
    parser.add_argument("--db", default=None)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", default=None, help="default: the login")
    parser.add_argument("--out", default=".")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    parser.add_argument("shots", nargs="+", metavar="NAME=PATH[|click:CSS|wait:CSS]")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    browser = Browser(args.width, args.height, shutil.which(args.chromium) or args.chromium)
    try:
        login(browser, args.base, args.db, args.login, args.password or args.login)
        for shot in args.shots:
            name, _, spec = shot.partition("=")
            try:
                take(browser, args.base, name, spec, args.out)
            except RuntimeError as error:
                print(f"{name}: FAILED {error}", file=sys.stderr, flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
