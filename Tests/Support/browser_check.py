#!/usr/bin/env python3
"""Drives an EventGraph page in headless Chromium over the DevTools protocol and reports what it saw.

Usage: browser_check.py PAGE.html --kind timeline|graph|compare --shots DIR [--query Q]... [--select ID] [--chromium PATH]

For a desktop (1280x900) and a phone (390x844, touch) viewport it loads the page, collects every
uncaught exception, console error and browser log error (a blocked fetch, a CSP violation), then
drives the page through its own controls as a user would: types each --query into the filter box
and reads the "N of M shown" line, zooms with the buttons and the mouse wheel, pans by dragging,
and opens the first item's evidence panel. Screenshots of each viewport, before and after opening
the panel, go to DIR. Prints a JSON summary; exits 1 when the page had errors, lacks its controls,
or drew a blank screenshot.
"""
import argparse
import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import websocket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_is_blank import has_content  # noqa: E402

# How long one DevTools reply may take before the check gives up on the browser.
REPLY_SECONDS = 120

VIEWPORTS = {'desktop': {'width': 1280, 'height': 900, 'deviceScaleFactor': 1, 'mobile': False},
             'phone': {'width': 390, 'height': 844, 'deviceScaleFactor': 1, 'mobile': True}}


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix='eventgraph-chromium-')
        self.process = subprocess.Popen(
            [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-port=0',
             '--user-data-dir=' + self.profile, 'about:blank'],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        endpoint = None
        deadline = time.time() + 30
        while time.time() < deadline and endpoint is None:
            line = self.process.stderr.readline()
            match = re.search(r'DevTools listening on (ws://[^\s]+)', line)
            if match:
                endpoint = match.group(1)
        if endpoint is None:
            raise SystemExit('browser_check: Chromium did not start its DevTools endpoint')
        # Chromium keeps logging to stderr; a full pipe would stall it.
        threading.Thread(target=lambda: [None for _ in self.process.stderr], daemon=True).start()
        port = re.search(r':(\d+)/', endpoint).group(1)
        targets = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/json/list'))
        page = next(t for t in targets if t.get('type') == 'page')
        self.socket = websocket.create_connection(page['webSocketDebuggerUrl'], timeout=REPLY_SECONDS, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({'id': self.next_id, 'method': method, 'params': params}))
        while True:
            message = self.receive()
            if message.get('id') == self.next_id:
                if 'error' in message:
                    raise RuntimeError(f'{method}: {message["error"]}')
                return message.get('result', {})
            self.events.append(message)

    def receive(self):
        """One whole message, waiting as long as a busy machine may need (a screenshot on two loaded
        cores can take seconds)."""
        self.socket.settimeout(REPLY_SECONDS)
        return json.loads(self.socket.recv())

    def ready(self, seconds):
        """Whether a message starts arriving within `seconds`. The wait is on the socket itself, so a
        short wait never cuts a message off halfway (a short receive timeout would, and it stayed
        set for the next reply). The client reads no further than the frame it is on, so nothing of
        the next message hides in its buffer."""
        readable, _, _ = select.select([self.socket.sock], [], [], max(seconds, 0))
        return bool(readable)

    def wait_for(self, method, seconds=30):
        deadline = time.time() + seconds
        while True:
            for i, event in enumerate(self.events):
                if event.get('method') == method:
                    del self.events[i]
                    return event
            if not self.ready(deadline - time.time()):
                return None
            self.events.append(self.receive())

    def drain(self, seconds=0.3):
        while self.ready(seconds):
            self.events.append(self.receive())

    def evaluate(self, expression):
        result = self.send('Runtime.evaluate', expression=expression, returnByValue=True, awaitPromise=True)
        if 'exceptionDetails' in result:
            return {'__error__': result['exceptionDetails'].get('text', 'exception')}
        return result.get('result', {}).get('value')

    def errors(self):
        found = []
        for event in self.events:
            method, params = event.get('method'), event.get('params', {})
            if method == 'Runtime.exceptionThrown':
                details = params.get('exceptionDetails', {})
                found.append('exception: ' + (details.get('exception', {}).get('description') or details.get('text', '')))
            elif method == 'Runtime.consoleAPICalled' and params.get('type') in ('error', 'assert'):
                found.append('console: ' + ' '.join(str(a.get('value', a.get('description', ''))) for a in params.get('args', [])))
            elif method == 'Log.entryAdded' and params.get('entry', {}).get('level') == 'error':
                found.append('log: ' + params['entry'].get('text', ''))
        return found

    def close(self):
        try:
            self.socket.close()
        finally:
            # Chromium's helper processes share its session: end them all before the profile goes.
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def type_into(browser, selector, text):
    return browser.evaluate(f"""(() => {{
        const box = document.querySelector({json.dumps(selector)});
        if (!box) return null;
        box.focus(); box.value = {json.dumps(text)};
        box.dispatchEvent(new Event('input', {{bubbles: true}}));
        const count = document.getElementById('count');
        return count ? count.textContent : null;
    }})()""")


def click(browser, selector):
    return browser.evaluate(f"""(() => {{
        const node = document.querySelector({json.dumps(selector)});
        if (!node) return false;
        node.dispatchEvent(new MouseEvent('click', {{bubbles: true}}));
        return true;
    }})()""")


def center_of(browser, selector):
    return browser.evaluate(f"""(() => {{
        const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
        return [r.left + r.width / 2, r.top + Math.min(r.height / 2, 200)];
    }})()""")


def screenshot(browser, path):
    data = browser.send('Page.captureScreenshot', format='png')['data']
    with open(path, 'wb') as out:
        out.write(base64.b64decode(data))
    return has_content(path)


def panel_state(browser):
    return browser.evaluate("""(() => {
        const panel = document.getElementById('panel');
        if (!panel) return null;
        return {marks: panel.querySelectorAll('mark').length, passages: panel.querySelectorAll('figure.evidence').length,
                sources: panel.querySelectorAll('figcaption.source').length, heading: (panel.querySelector('h2') || {}).textContent || null,
                links: Array.from(panel.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
                calledAs: Array.from(panel.querySelectorAll('ul.called-as li')).map(li => li.textContent)};
    })()""")


def dom_census(browser):
    """What in the DOM could run or fetch: scripts, embeds, event-handler attributes, link targets."""
    return browser.evaluate("""(() => {
        const all = Array.from(document.querySelectorAll('*'));
        return {scripts: document.querySelectorAll('script').length,
                embeds: document.querySelectorAll('img, iframe, object, embed, link, video, audio, source, image, use, foreignObject').length,
                handlers: all.filter(e => Array.from(e.attributes).some(a => /^on/i.test(a.name))).length,
                hrefs: Array.from(document.querySelectorAll('[href]')).map(e => e.getAttribute('href')).filter(h => !h.startsWith('#'))};
    })()""")


def drive_timeline(browser, queries):
    report = {'api': browser.evaluate('typeof window.eventgraphTimeline === "object"')}
    if not report['api']:
        return report
    report['total'] = browser.evaluate('window.eventgraphTimeline.total')
    report['drawn'] = browser.evaluate('window.eventgraphTimeline.drawn()')
    report['filters'] = {}
    for query in queries:
        text = type_into(browser, '#filter', query)
        report['filters'][query] = {'count': text, 'shown': browser.evaluate('window.eventgraphTimeline.shown()'),
                                    'drawn': browser.evaluate('window.eventgraphTimeline.drawn()')}
    report['cleared'] = type_into(browser, '#filter', '')
    view = 'window.eventgraphTimeline.view()'
    report['view'] = {'start': browser.evaluate(view)}
    click(browser, '#zoom-in')
    click(browser, '#zoom-in')
    report['view']['buttons'] = browser.evaluate(view)
    x, y = center_of(browser, '#chart')
    browser.send('Input.dispatchMouseEvent', type='mouseWheel', x=x, y=y, deltaX=0, deltaY=-400)
    browser.drain(0.2)
    report['view']['wheel'] = browser.evaluate(view)
    # A drag on the axis, away from the marks.
    axis_y = browser.evaluate("document.getElementById('chart').getBoundingClientRect().top + 12")
    browser.send('Input.dispatchMouseEvent', type='mousePressed', x=x, y=axis_y, button='left', clickCount=1)
    browser.send('Input.dispatchMouseEvent', type='mouseMoved', x=x - 200, y=axis_y, button='left')
    browser.send('Input.dispatchMouseEvent', type='mouseReleased', x=x - 200, y=axis_y, button='left', clickCount=1)
    browser.drain(0.2)
    report['view']['dragged'] = browser.evaluate(view)
    click(browser, '#zoom-fit')
    report['view']['fit'] = browser.evaluate(view)
    return report


def drive_graph(browser, queries):
    report = {'api': browser.evaluate('typeof window.eventgraphGraph === "object"')}
    if not report['api']:
        return report
    api = 'window.eventgraphGraph'
    report['nodes'] = browser.evaluate(api + '.nodeCount')
    report['visible'] = browser.evaluate(api + '.visible()')
    report['filters'] = {}
    for query in queries:
        text = type_into(browser, '#search', query)
        report['filters'][query] = {'count': text, 'hits': browser.evaluate(api + '.hits()')}
    type_into(browser, '#search', '')
    report['type_filter'] = browser.evaluate("""(() => {
        const box = document.querySelector('input[data-type="person"]');
        if (!box) return null;
        box.click();
        const after = window.eventgraphGraph.visible();
        box.click();
        return {without_people: after, again: window.eventgraphGraph.visible()};
    })()""")
    report['slider'] = browser.evaluate("""(() => {
        const from = document.getElementById('range-from');
        if (!from) return null;
        const before = window.eventgraphGraph.visible();
        from.value = from.max; from.dispatchEvent(new Event('input', {bubbles: true}));
        const narrowed = window.eventgraphGraph.visible();
        const label = document.getElementById('range-label').textContent;
        from.value = from.min; from.dispatchEvent(new Event('input', {bubbles: true}));
        return {before: before, narrowed: narrowed, label: label, restored: window.eventgraphGraph.visible()};
    })()""")
    report['zoom'] = {'start': browser.evaluate(api + '.zoom()')}
    click(browser, '#zoom-in')
    report['zoom']['buttons'] = browser.evaluate(api + '.zoom()')
    x, y = center_of(browser, '#network')
    browser.send('Input.dispatchMouseEvent', type='mouseWheel', x=x, y=y, deltaX=0, deltaY=400)
    browser.drain(0.2)
    report['zoom']['wheel'] = browser.evaluate(api + '.zoom()')
    click(browser, '#zoom-fit')
    return report


def drive_compare(browser, queries):
    """The comparison page is static: count what it shows, follow a contents link, open the first
    evidence list."""
    report = browser.evaluate("""(() => {
        const sections = Array.from(document.querySelectorAll('main > section'));
        const blocks = {};
        sections.forEach(s => { blocks[s.id] = s.querySelectorAll('article').length; });
        return {api: sections.length === 4, sections: sections.map(s => s.id), blocks: blocks,
                lines: document.querySelectorAll('article li').length, contents: document.querySelectorAll('nav a[href^="#"]').length};
    })()""")
    click(browser, 'nav a[href="#attributions"]')
    browser.drain(0.2)
    report['jumped'] = browser.evaluate("Math.round(document.getElementById('attributions').getBoundingClientRect().top) + 0")
    click(browser, 'article details summary')
    browser.drain(0.2)
    report['opened'] = browser.evaluate("""(() => {
        const d = document.querySelector('article details');
        return d ? {open: d.open, sentences: d.querySelectorAll('ul.evidence li').length} : null;
    })()""")
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('page')
    parser.add_argument('--kind', choices=['timeline', 'graph', 'compare'], required=True)
    parser.add_argument('--select', help='graph page: an entity to select after the checks, whose panel is reported')
    parser.add_argument('--shots', required=True)
    parser.add_argument('--query', action='append', default=[])
    parser.add_argument('--chromium', default='/usr/bin/chromium')
    args = parser.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.page))[0]
    url = 'file://' + os.path.abspath(args.page)
    summary = {'page': args.page, 'viewports': {}}
    failed = False
    browser = Browser(args.chromium)
    try:
        browser.send('Runtime.enable')
        browser.send('Page.enable')
        browser.send('Log.enable')
        for viewport, metrics in VIEWPORTS.items():
            browser.send('Emulation.setDeviceMetricsOverride', **metrics)
            browser.send('Emulation.setTouchEmulationEnabled', enabled=metrics['mobile'])
            browser.events.clear()
            browser.send('Page.navigate', url=url)
            browser.wait_for('Page.loadEventFired')
            browser.drain(0.4)
            shots = {}
            shots['initial'] = os.path.join(args.shots, f'{name}-{viewport}.png')
            blank = {'initial': not screenshot(browser, shots['initial'])}
            driver = {'timeline': drive_timeline, 'graph': drive_graph, 'compare': drive_compare}[args.kind]
            report = driver(browser, args.query)
            if args.kind != 'compare':
                opened = click(browser, '.item' if args.kind == 'timeline' else '.node')
                browser.drain(0.2)
                report['panel'] = panel_state(browser) if opened else None
            if args.select:
                browser.evaluate('window.eventgraphGraph.select(' + json.dumps(args.select) + ')')
                browser.drain(0.2)
                report['selected'] = panel_state(browser)
            shots['panel'] = os.path.join(args.shots, f'{name}-{viewport}-panel.png')
            blank['panel'] = not screenshot(browser, shots['panel'])
            report['width'] = browser.evaluate('document.documentElement.scrollWidth')
            report['dom'] = dom_census(browser)
            report['errors'] = browser.errors()
            report['screenshots'] = shots
            report['blank'] = blank
            summary['viewports'][viewport] = report
            failed = failed or bool(report['errors']) or not report.get('api') or any(blank.values())
    finally:
        browser.close()
    print(json.dumps(summary, sort_keys=True))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
