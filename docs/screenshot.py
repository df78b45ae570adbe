"""Screenshot a built kg.html the way the README shows it: headless Chromium, 1280×800.

    .venv/bin/mlkg build ../shared/seeds --out exports/
    .venv/bin/python docs/screenshot.py exports/kg.html docs/kg-seeds.png

Needs Debian's /usr/bin/chromium and the playwright package (the test extras).
If ``pngquant`` is on the PATH the PNG is reduced to 180 colours, undithered (under 300 KB).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(page: Path, png: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        t0 = time.perf_counter()
        tab.goto(page.resolve().as_uri())
        tab.wait_for_function("window.mlkgReady === true", timeout=120_000)
        print(f"settled in {time.perf_counter() - t0:.2f} s ({tab.evaluate('window.mlkgLayoutMs')} ms of layout)")
        tab.screenshot(path=str(png))
        browser.close()
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "180", "--nofs", "--speed", "1", "--strip", "--force", "--output", str(png), str(png)],
                       check=True)
    print(f"wrote {png} ({png.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screenshot.py KG_HTML OUT_PNG")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
