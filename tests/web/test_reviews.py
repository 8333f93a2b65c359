"""Reviewing in real headless Chromium: mark an event wrong on a dyad page and see the chart
and the table change, fix a code, judge the queue with the keyboard, and nothing written
without the token. Each test has its own writable store (the corpus of tests/api/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from amity.api.server import BackgroundServer
from amity.app import create_app
from amity.core import Amity
from tests.api.conftest import TOKEN, build_corpus
from tests.web.test_dashboard import open_page, severe_console_errors, wait

pytestmark = pytest.mark.browser
Driver = Any


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Amity]:
    amity = Amity(f"sqlite:///{tmp_path / 'reviews.db'}")
    amity.store.write(build_corpus())
    yield amity
    amity.close()


@pytest.fixture
def writable(store: Amity) -> Iterator[BackgroundServer]:
    with BackgroundServer(create_app(store, write_token=TOKEN)) as running:
        yield running


def until(driver: Driver, check: Any, timeout: float = 15) -> Any:
    return WebDriverWait(driver, timeout).until(lambda d: check(d))


def give_token(driver: Driver, token: str) -> None:
    field = wait(driver, "#review-token-input")
    field.send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "#review-token button[type=submit]").click()


def drill_down(driver: Driver, period: str) -> Any:
    driver.find_element(By.CSS_SELECTOR, f".hit.point[data-period='{period}']").click()
    return wait(driver, "#point-events tr[data-event-id] .review")


def test_marking_an_event_wrong_on_a_dyad_page_changes_the_chart_and_the_table(
        browser: Driver, writable: BackgroundServer, store: Amity) -> None:
    open_page(browser, writable, "/dyads/JPN/KHM")
    assert "3 merged events" in browser.find_element(By.ID, "dyad-sources").text
    drill_down(browser, "1993").find_element(By.CSS_SELECTOR, ".review-wrong").click()
    give_token(browser, TOKEN)
    until(browser, lambda d: "2 merged events" in d.find_element(By.ID, "dyad-sources").text)
    assert browser.find_elements(By.CSS_SELECTOR, ".hit.point[data-period='1993']") == []
    assert "Japan pledged aid" not in browser.find_element(By.ID, "point-events").text
    assert [e.cameo for e in store.events(dyad="JPN-KHM")] == ["051", "040"]
    drill_down(browser, "2015")  # the token is kept for the session: the next review asks nothing
    browser.find_element(By.CSS_SELECTOR, "#point-events .review-correct").click()
    until(browser, lambda d: "reviewed: correct" in d.find_element(By.ID, "point-events").text)
    assert browser.find_elements(By.ID, "review-token") == []
    assert [r["verdict"] for r in store.store.all_reviews()] == ["wrong", "correct"]
    assert severe_console_errors(browser) == []


def test_fixing_a_code_shows_the_new_code(browser: Driver, writable: BackgroundServer, store: Amity) -> None:
    open_page(browser, writable, "/dyads/JPN/KHM")
    row = drill_down(browser, "2015")
    row.find_element(By.CSS_SELECTOR, ".review-fixed").click()
    form = browser.find_element(By.CSS_SELECTOR, "#point-events .review-fix")
    form.find_element(By.NAME, "cameo").send_keys("111")
    form.find_element(By.NAME, "note").send_keys("a rebuke, not praise")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    give_token(browser, TOKEN)
    until(browser, lambda d: "111 Criticize or denounce" in d.find_element(By.ID, "point-events").text)
    event_id = browser.find_element(By.CSS_SELECTOR, "#point-events tr[data-event-id]").get_attribute("data-event-id")
    open_page(browser, writable, f"/events/{event_id}")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Criticize or denounce" in main and "the coder said cameo 051" in main
    until(browser, lambda d: "fixed (cameo=111) · a rebuke, not praise" in d.find_element(By.CSS_SELECTOR,
                                                                                        ".review-history").text)


def test_without_the_token_nothing_is_written(browser: Driver, writable: BackgroundServer, store: Amity) -> None:
    open_page(browser, writable, "/articles/aid.txt")
    browser.find_element(By.CSS_SELECTOR, "tr[data-event-id] .review-wrong").click()
    wait(browser, "#review-token .cancel").click()
    status = browser.find_element(By.CSS_SELECTOR, "tr[data-event-id] .review-status")
    until(browser, lambda d: "nothing was written" in status.text)
    browser.find_element(By.CSS_SELECTOR, "tr[data-event-id] .review-wrong").click()
    give_token(browser, "not-the-token")
    until(browser, lambda d: "not saved: missing or wrong write token" in status.text)
    assert store.store.all_reviews() == [] and len(store.events()) == 4


def test_the_queue_is_judged_with_the_keyboard(browser: Driver, writable: BackgroundServer, store: Amity) -> None:
    open_page(browser, writable, "/review")
    rows = browser.find_elements(By.CSS_SELECTOR, "#review-queue tr[data-event-id]")
    assert len(rows) == 4 and "queue-current" in rows[0].get_attribute("class")
    browser.execute_script("sessionStorage.setItem('amity-write-token', arguments[0])", TOKEN)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("c")
    until(browser, lambda d: "reviewed: correct" in rows[0].text)
    until(browser, lambda d: "queue-current" in rows[1].get_attribute("class"))
    body.send_keys("n")
    body.send_keys("w")
    until(browser, lambda d: "reviewed: wrong" in rows[2].text)
    verdicts = {r["event_id"]: r["verdict"] for r in store.store.all_reviews()}
    ids = [row.get_attribute("data-event-id") for row in rows]
    assert verdicts == {ids[0]: "correct", ids[2]: "wrong"}
