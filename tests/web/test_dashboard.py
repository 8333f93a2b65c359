"""The dashboard in real headless Chromium: every page loads, charts click through, text is escaped."""

from __future__ import annotations

from typing import Any

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from amity.api.server import BackgroundServer
from tests.api.conftest import XSS_TITLE

pytestmark = pytest.mark.browser
Driver = Any


def wait(driver: Driver, css: str, timeout: float = 15) -> Any:
    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def open_page(driver: Driver, server: BackgroundServer, path: str) -> None:
    driver.get(server.url.rstrip("/") + path)
    if driver.find_elements(By.CSS_SELECTOR, ".chart[data-src]"):
        wait(driver, ".chart[data-ready] svg")


def severe_console_errors(driver: Driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def assert_no_alert(driver: Driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - raises when there is no alert


@pytest.mark.parametrize(("path", "expected"), [
    ("/", "Cooperation and conflict over time"), ("/dyads", "JPN–KHM"), ("/dyads/JPN/KHM", "JPN–KHM"),
    ("/timeline?actor=KHM", "Japan pledged aid to Cambodia in 1993."), ("/timeline?dyad=CHN-KHM", "Threaten"),
    ("/articles", "Japan pledges aid"), ("/events", "Praise or endorse"), ("/actors", "JPNGOV"),
    ("/network", "Network"), ("/claims", "Claims"), ("/search?q=threatened", "China and Cambodia"),
])
def test_each_page_loads_and_shows_its_content(browser: Driver, server: BackgroundServer, path: str,
                                               expected: str) -> None:
    open_page(browser, server, path)
    assert expected in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    assert severe_console_errors(browser) == []


def test_chart_point_leads_to_events_their_record_and_article(browser: Driver, server: BackgroundServer) -> None:
    open_page(browser, server, "/dyads/JPN/KHM")
    assert "3 merged events" in browser.find_element(By.ID, "dyad-sources").text
    browser.find_element(By.CSS_SELECTOR, ".hit.point[data-period='1993']").click()
    table = wait(browser, "#point-events table")
    assert "Japan pledged aid to Cambodia in 1993." in table.text
    assert "1993: 1 event from 1 article" in browser.find_element(By.ID, "point-events").text
    table.find_element(By.CSS_SELECTOR, "a.event-link").click()
    wait(browser, "blockquote.evidence-quote")
    assert browser.find_element(By.CSS_SELECTOR, "blockquote").text == "Japan pledged aid to Cambodia in 1993."
    assert "JPNGOV" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.CSS_SELECTOR, "a.article-link").click()
    wait(browser, ".article .text")
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == "Japan pledges aid"
    highlighted = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".text .ev")]
    assert any("pledged aid to" in text for text in highlighted)
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "mark.actor-mark .label")]
    assert "JPNGOV" in labels
    assert len(browser.find_elements(By.CSS_SELECTOR, "sup.evlink a")) == 2


def test_overview_chart_lists_a_year_with_conflict(browser: Driver, server: BackgroundServer) -> None:
    open_page(browser, server, "/")
    browser.find_element(By.CSS_SELECTOR, ".hit.point[data-period='2018']").click()
    assert "Threaten" in wait(browser, "#point-events table").text


def test_script_in_an_article_is_shown_as_text(browser: Driver, server: BackgroundServer) -> None:
    open_page(browser, server, "/articles/xss.txt")
    assert_no_alert(browser)
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == XSS_TITLE
    assert "<script>alert(1)</script> was in the page." in browser.find_element(By.CSS_SELECTOR, ".text").text
    assert "<b>Evil</b> outlet" in browser.find_element(By.CSS_SELECTOR, "dl.meta").text
    assert browser.execute_script("return document.querySelectorAll('main script, main b').length") == 0
    open_page(browser, server, "/")  # the title in the overview's article list, and a chart point's sentence
    assert XSS_TITLE in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.CSS_SELECTOR, ".hit.point[data-period='2019']").click()
    assert "<script>alert(1)</script>" in wait(browser, "#point-events table").text
    assert_no_alert(browser)


def test_search_box_on_a_page_finds_articles(browser: Driver, server: BackgroundServer) -> None:
    open_page(browser, server, "/actors")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("praised", Keys.ENTER)
    wait(browser, "ol.hits")
    assert "Japan pledges aid" in browser.find_element(By.CSS_SELECTOR, "ol.hits").text
    assert browser.find_element(By.CSS_SELECTOR, "ol.hits mark").text.lower() == "praised"


def test_network_edge_opens_its_dyad(browser: Driver, server: BackgroundServer) -> None:
    open_page(browser, server, "/network")
    labels = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".node-label")}
    assert {"JPN", "KHM", "CHN"} <= labels
    edge = browser.find_element(By.CSS_SELECTOR, "path.edge[data-source='CHN'][data-target='KHM']")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge)
    WebDriverWait(browser, 15).until(ec.url_contains("/dyads/CHN/KHM"))
    wait(browser, ".chart[data-ready] svg")


def test_unknown_page_is_a_readable_404(browser: Driver, server: BackgroundServer) -> None:
    browser.get(server.url + "articles/<img src=x onerror=alert(1)>")
    assert "404" in browser.find_element(By.TAG_NAME, "h1").text
    assert_no_alert(browser)
