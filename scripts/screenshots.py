"""Write a PNG of every dashboard page to ./screenshots/ (headless Chromium via Selenium).

    python scripts/screenshots.py                 # builds a store from the bundled sample corpus
    python scripts/screenshots.py --db amity.db   # or uses an existing store
    python scripts/screenshots.py --out shots/ --width 1366

Needs Debian's ``chromium`` and ``chromedriver`` (``/usr/bin``) or ``--chromium``/``--chromedriver``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from importlib import resources
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from amity.api.server import BackgroundServer
from amity.app import create_app
from amity.core import Amity

CHROME_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
               "--hide-scrollbars")


def make_driver(chromium: str, chromedriver: str, profile: str, width: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (*CHROME_ARGS, f"--user-data-dir={profile}", f"--window-size={width},900"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(chromedriver))


def sample_store(folder: Path) -> str:
    url = f"sqlite:///{folder / 'sample.db'}"
    amity = Amity(url)
    report = amity.ingest([str(resources.files("amity") / "data" / "sample")])
    print(f"sample store: {report.summary()}")
    amity.close()
    return url


def pages(amity: Amity) -> dict[str, str]:
    """Page name → path, picked from what the store holds."""
    first_event = amity.events(dyad="JPN-KHM", limit=1) or amity.events(limit=1)
    chosen = {"overview": "/", "dyad": "/dyads/JPN/KHM", "dyad-month": "/dyads/CHN/KHM?by=month",
              "timeline": "/timeline?actor=KHM", "articles": "/articles", "events": "/events",
              "actors": "/actors", "network": "/network", "claims": "/claims", "map": "/map",
              "search": "/search?q=election+monitors"}
    if first_event:
        chosen["event"] = f"/events/{first_event[0].event_id}"
        chosen["article"] = f"/articles/{first_event[0].doc_id}"
    return chosen


def full_page(driver: webdriver.Chrome, path: Path, width: int) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(int(height) + 40, 600), 6000))
    time.sleep(0.2)
    driver.save_screenshot(str(path))


def shoot(url: str, out: Path, driver: webdriver.Chrome, chosen: dict[str, str], width: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, path in chosen.items():
        driver.set_window_size(width, 900)
        driver.get(url.rstrip("/") + path)
        charts = driver.find_elements(By.CSS_SELECTOR, ".chart[data-src], .chart[data-map]")
        if charts:
            WebDriverWait(driver, 15).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".chart[data-ready] svg")))
        if name == "dyad":
            points = driver.find_elements(By.CSS_SELECTOR, ".hit.point")
            if points:
                points[len(points) // 2].click()
                WebDriverWait(driver, 15).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#point-events table")))
        full_page(driver, out / f"{name}.png", width)
        print(f"wrote {out / f'{name}.png'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="store URL or SQLite file (default: a new store from the sample corpus)")
    parser.add_argument("--out", default="screenshots", help="output folder (default: ./screenshots)")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="amity-shots-") as tmp:
        amity = Amity(args.db or sample_store(Path(tmp)))
        driver = make_driver(args.chromium, args.chromedriver, str(Path(tmp) / "profile"), args.width)
        try:
            with BackgroundServer(create_app(amity)) as server:
                shoot(server.url, Path(args.out), driver, pages(amity), args.width)
        finally:
            driver.quit()
            amity.close()


if __name__ == "__main__":
    main()
