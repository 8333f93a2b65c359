"""The map page in real headless Chromium: drawn offline from the shipped outline, places and
country counts coloured by quad class, filtered like the event list, clicks lead to the events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from amity.api.server import BackgroundServer
from amity.app import create_app
from amity.core import Amity
from tests.api.conftest import placed_corpus
from tests.web.test_dashboard import severe_console_errors, wait

pytestmark = pytest.mark.browser
Driver = Any
MATERIAL_COOP, VERBAL_CONFLICT = "#2166ac", "#f4a582"  # static/charts.js QUADS


@pytest.fixture(scope="module")
def placed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    folder: Path = tmp_path_factory.mktemp("map")
    amity = Amity(f"sqlite:///{folder / 'map.db'}")
    amity.store.write(placed_corpus())
    with BackgroundServer(create_app(amity)) as running:
        yield running
    amity.close()


def open_map(driver: Driver, server: BackgroundServer, query: str = "") -> None:
    driver.get(server.url.rstrip("/") + "/map" + query)
    wait(driver, "#event-map[data-ready] svg.world")


def test_map_draws_the_world_places_and_country_counts_offline(browser: Driver, placed_server: BackgroundServer) -> None:
    open_map(browser, placed_server)
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.world path.country")) > 150
    places = {g.get_attribute("data-name") for g in browser.find_elements(By.CSS_SELECTOR, "g.place")}
    assert places == {"Phnom Penh", "Tokyo"}
    badges = {g.get_attribute("data-country"): g for g in browser.find_elements(By.CSS_SELECTOR, "g.country-count")}
    assert set(badges) == {"KHM", "SGP", "JPN"}  # Singapore has no outline at 1:110m: its badge still shows
    assert badges["KHM"].find_element(By.TAG_NAME, "text").text == "2"
    assert badges["SGP"].find_element(By.TAG_NAME, "circle").get_attribute("fill") == VERBAL_CONFLICT
    khm = browser.find_element(By.CSS_SELECTOR, "path.country[data-country='KHM']")
    assert "counted" in khm.get_attribute("class") and khm.get_attribute("fill") == MATERIAL_COOP
    assert "4 events match; 4 placed (2 at a place with coordinates" in browser.find_element(By.ID, "map-caption").text
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return new URL(e.name).origin; });")
    assert origins and set(origins) == {placed_server.url.rstrip("/")}  # nothing from the net
    assert severe_console_errors(browser) == []


def test_a_place_lists_its_events_and_leads_to_the_event(browser: Driver, placed_server: BackgroundServer) -> None:
    open_map(browser, placed_server)
    browser.find_element(By.CSS_SELECTOR, "g.place[data-name='Phnom Penh'] circle").click()
    table = wait(browser, "#point-events table")
    assert "Phnom Penh" in browser.find_element(By.CSS_SELECTOR, "#point-events h3").text
    assert "Japan pledged aid to Cambodia in 1993." in table.text and "Tokyo" not in table.text
    table.find_element(By.CSS_SELECTOR, "a.event-link").click()
    assert wait(browser, "blockquote.evidence-quote").text == "Japan pledged aid to Cambodia in 1993."
    assert "Phnom Penh" in browser.find_element(By.CSS_SELECTOR, "table.record").text


def test_a_country_lists_every_event_placed_in_it(browser: Driver, placed_server: BackgroundServer) -> None:
    open_map(browser, placed_server)
    badge = browser.find_element(By.CSS_SELECTOR, "g.country-count[data-country='KHM']")
    browser.execute_script("arguments[0].focus();", badge)  # the Phnom Penh dot lies over it: the keyboard
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser, "#point-events table")
    rows = browser.find_elements(By.CSS_SELECTOR, "#point-events tbody tr")
    assert len(rows) == 2
    assert "1 placed only in the country" in browser.find_element(By.CSS_SELECTOR, "#point-events h3").text


def test_map_filters_like_the_event_list(browser: Driver, placed_server: BackgroundServer) -> None:
    open_map(browser, placed_server)
    Select(browser.find_element(By.CSS_SELECTOR, "form.filters select[name=quad]")).select_by_value("verbal_conflict")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait(browser, "#event-map[data-ready] svg.world")
    assert "quad=verbal_conflict" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "g.place") == []
    assert [g.get_attribute("data-country") for g in browser.find_elements(By.CSS_SELECTOR, "g.country-count")] == ["SGP"]
    browser.find_element(By.LINK_TEXT, "these events as a list").click()
    assert "Threaten" in wait(browser, "table.events").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")) == 1
    browser.find_element(By.CSS_SELECTOR, "a.map-link").click()
    wait(browser, "#event-map[data-ready] svg.world")
    assert "quad=verbal_conflict" in browser.current_url


def test_zoom_and_layers(browser: Driver, placed_server: BackgroundServer) -> None:
    open_map(browser, placed_server)
    world = browser.find_element(By.CSS_SELECTOR, "svg.world")

    def box() -> list[float]:
        return [float(v) for v in browser.execute_script("return arguments[0].getAttribute('viewBox');", world).split()]

    fitted = box()  # the map opens on the data (Cambodia, Singapore, Japan), not the whole world
    assert world.get_attribute("data-fitted") == "1" and fitted[2] < 960 / 2
    x0, y0, w, h = fitted
    for lon, lat in ((104.9, 11.6), (103.8, 1.35), (139.7, 35.7)):
        x, y = (lon + 180) * 960 / 360, (84 - lat) * 960 / 360  # static/map.js project()
        assert x0 < x < x0 + w and y0 < y < y0 + h
    zoom = float(world.get_attribute("data-zoom"))
    browser.find_element(By.ID, "map-zoom-in").click()
    assert box()[2] == pytest.approx(fitted[2] / 2) and float(world.get_attribute("data-zoom")) == pytest.approx(zoom * 2)
    browser.find_element(By.ID, "map-reset").click()
    assert box()[0] == 0 and box()[1] == 0 and box()[2] == 960 and world.get_attribute("data-zoom") == "1"
    browser.find_element(By.ID, "layer-points").click()
    assert not browser.find_element(By.CSS_SELECTOR, "g.place").is_displayed()
