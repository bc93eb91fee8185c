"""The explorer page (``export(format="html")``) driven in headless Chromium through Selenium.

Debian's Chromium and chromedriver (scripts/install-deps.sh) are used as they are: the driver's
path is passed explicitly, so Selenium Manager never downloads anything. Without them the tests
are skipped, except in CI (``CI=true``), where that is a failure. One browser session serves the
module. ``AIKG_EXPLORER_SCREENSHOTS=DIR`` keeps the screenshots (docs/images/ holds them).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import aikg

from conftest import NEWSLETTER

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCHEMA = NEWSLETTER.parent / "ai-industry.schema.json"

# Queries whose ranking the page must give exactly as the library does.
QUERIES = [
    "阿里巴巴", "alibaba group", "deepsek", "ALIBABA", "alibab", "Alibaba  Cloud", "cloud", "nvidia",
    "ＤｅｅｐＳｅｅｋ", "deep", "huawei", "h100", "qwen", "chine", "us", "a", "open ai", "Kimi", "moonshot",
    "ernie", "bot", "baidu", "tencent", "字节跳动", "字节", "英伟达", "Pékin", "ÉTATS", "gpt", "r1",
]


def _browser_or_skip() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (PyPI)")
    if not missing:
        return
    message = f"the explorer's browser tests need {', '.join(missing)} (scripts/install-deps.sh)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1200,1000", "--lang=en-US", "--hide-scrollbars"):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, newsletter: aikg.Graph) -> Path:
    out = tmp_path_factory.mktemp("explorer") / "explorer.html"
    newsletter.export(out, format="html", title="China AI, September 2025")
    return out


HOSTILE_NAME = "</script><script>window.pwned = 1</script>"
HOSTILE_ALIAS = '<img src=x onerror="window.pwned = 2">'


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    graph = {
        "format": "aikg-graph/1",
        "schema": str(SCHEMA),
        "sources": [{"id": "src/x", "kind": "report", "publisher": "\" onclick=\"window.pwned = 3",
                     "url": "javascript:window.pwned = 4", "published": "2025-01"}],
        "entities": [
            {"id": "org/evil", "type": "Company", "name": HOSTILE_NAME,
             "aliases": [{"name": HOSTILE_ALIAS, "lang": "en"}], "description": "'quotes' \"and\" <!-- comment"},
            {"id": "org/other", "type": "Company", "name": "Other <b>bold</b>"},
        ],
        "statements": [
            {"id": "st/x", "subject": "org/evil", "predicate": "competes_with", "object": "org/other",
             "valid": "2024", "modality": "opinion", "sources": [{"source": "src/x", "locator": "<svg onload=window.pwned=5>"}],
             "qualifiers": {"field": "<script>window.pwned = 6</script>"}},
        ],
    }  # fmt: skip
    source = directory / "hostile.json"
    source.write_text(json.dumps(graph, ensure_ascii=False), encoding="utf-8")
    out = directory / "explorer.html"
    aikg.load(source).export(out, format="html", title=HOSTILE_NAME)
    return out


def _open(driver: Any, page: Path, fragment: str = "") -> None:
    """Loads the page fresh (so that scripts start over) at `fragment`."""
    driver.get("about:blank")
    driver.get(page.as_uri() + ("#" + fragment if fragment else ""))
    driver.find_element("css selector", "#main > *")


def _shoot(driver: Any, name: str) -> None:
    directory = os.environ.get("AIKG_EXPLORER_SCREENSHOTS")
    png = driver.get_screenshot_as_png()
    assert png.startswith(b"\x89PNG")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        (Path(directory) / f"explorer-{name}.png").write_bytes(png)


def _statement_ids_in_page(driver: Any) -> set[str]:
    return {element.get_attribute("data-statement") for element in driver.find_elements("css selector", "[data-statement]")}


def test_page_holds_its_own_script_and_a_policy_that_allows_only_it(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy.group(1)
    assert len(html.encode("utf-8")) < 1_000_000
    assert not re.search(r"(src|href)=\"https?:", html)


def test_search_finds_alibaba_by_its_chinese_name(driver: Any, page: Path) -> None:
    _open(driver, page)
    box = driver.find_element("id", "search")
    box.send_keys("阿里巴巴")
    first = driver.find_element("css selector", "#results li[role=option]")
    assert first.get_attribute("data-id") == "org/alibaba"
    assert "Alibaba" in first.text
    _shoot(driver, "search")


def test_search_ranks_as_the_library_does(driver: Any, page: Path, newsletter: aikg.Graph) -> None:
    _open(driver, page)
    for query in QUERIES:
        in_page = driver.execute_script("return window.aikgExplorer.search(arguments[0], 10)", query)
        found = [(match["id"], match["name"], match["kind"], match["score"]) for match in in_page]
        expected = [(match.entity.id, match.name, match.kind, match.score) for match in newsletter.search(query, limit=10)]
        assert found == expected, query


def test_keyboard_opens_a_search_result(driver: Any, page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, page)
    ActionChains(driver).send_keys("/").perform()
    assert driver.switch_to.active_element.get_attribute("id") == "search"
    ActionChains(driver).send_keys("deepsek").perform()
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.execute_script("return location.hash") == "#org/deepseek"
    assert driver.find_element("css selector", "#main h1").text.startswith("DeepSeek")
    ActionChains(driver).send_keys("t").perform()
    assert driver.execute_script("return location.hash") == "#timeline"


def test_entity_page_lists_the_users_claim_with_its_bound_and_source(driver: Any, page: Path) -> None:
    _open(driver, page, "org/deepseek")
    claim = driver.find_element("css selector", '[data-statement="st/deepseek-users"]')
    assert "97 million users" in claim.text
    assert "at least" in claim.text
    assert "reported" in claim.text
    assert "the newsletter of 2025-09" in claim.text
    assert "Adoption locale, ambitions globales" in claim.text  # the locator
    plan = driver.find_element("css selector", '[data-statement="st/deepseek-develops-agent"]')
    assert "Bloomberg, relayed by the newsletter of 2025-09" in plan.text
    assert "end of 2025 (year)" in plan.text
    assert plan.find_element("css selector", ".badge.plan").text == "plan"
    link = plan.find_element("css selector", ".value a")
    assert link.get_attribute("href").endswith("#product/deepseek-agent")
    _shoot(driver, "entity")


def test_neighbourhood_drawing_links_to_entities(driver: Any, page: Path) -> None:
    _open(driver, page, "org/deepseek")
    nodes = driver.find_elements("css selector", "svg.drawing a.node")
    assert len(nodes) > 5
    targets = {node.get_dom_attribute("href") for node in nodes}
    assert "#product/deepseek-agent" in targets
    drawing = driver.find_element("css selector", "svg.drawing")
    driver.execute_script("arguments[0].scrollIntoView()", drawing)
    _shoot(driver, "neighbourhood")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                          next(n for n in nodes if n.get_dom_attribute("href") == "#product/deepseek-agent"))  # fmt: skip
    assert driver.find_element("css selector", "#main h1").text.startswith("DeepSeek AI agent")


def test_deepseek_agent_is_a_plan_on_the_timeline(driver: Any, page: Path) -> None:
    _open(driver, page, "timeline")
    mark = driver.find_element("css selector", 'svg.timeline-chart a[data-statement="st/deepseek-develops-agent"]')
    assert mark.find_element("css selector", "circle").get_attribute("class").split() == ["item", "mark-plan"]
    assert mark.find_element("css selector", "text").text == "P"
    row = driver.find_element("css selector", 'tr[data-statement="st/deepseek-develops-agent"]')
    assert "end of 2025" in row.text and "plan" in row.text
    _shoot(driver, "timeline")
    # Filtered to plans only, and to one entity.
    _open(driver, page, "timeline?modality=plan&entity=org/deepseek")
    shown = _statement_ids_in_page(driver)
    assert "st/deepseek-develops-agent" in shown
    assert all(driver.find_elements("css selector", "svg.timeline-chart circle.mark-plan"))
    assert not driver.find_elements("css selector", "svg.timeline-chart circle.mark-reported")


def test_as_of_hides_the_early_2024_approvals(driver: Any, page: Path) -> None:
    _open(driver, page, "timeline")
    assert "st/chinese-approved-models-early-2024" in _statement_ids_in_page(driver)
    driver.execute_script(
        "const input = document.getElementById('as-of'); input.value = '2023-12-31';"
        "input.dispatchEvent(new Event('change'))"
    )
    assert "as-of=2023-12-31" in driver.execute_script("return location.hash")
    shown = _statement_ids_in_page(driver)
    assert "st/chinese-approved-models-early-2024" not in shown
    assert len(shown) > 10  # what held by then stays
    status = driver.find_element("id", "time-status").text
    assert "as of 2023-12-31" in status and "undated claims hidden" in status
    # The entity page obeys the same controls.
    _open(driver, page, "gov/chinese-regulators?as-of=2023-12-31")
    assert "st/chinese-approved-models-early-2024" not in _statement_ids_in_page(driver)
    _open(driver, page, "gov/chinese-regulators?as-of=2024-03-01")
    assert "st/chinese-approved-models-early-2024" in _statement_ids_in_page(driver)


def _visible_ids(driver: Any) -> set[str]:
    return set(driver.execute_script(
        "const x = window.aikgExplorer; return x.statements.filter((_, i) => x.isVisible(i)).map((s) => s.id)"))  # fmt: skip


@pytest.mark.parametrize("day", ["2021-12-31", "2023-12-31", "2024-03-01", "2025-06-30", "2025-08-31", "2025-09-30"])
def test_time_controls_agree_with_the_library(driver: Any, page: Path, newsletter: aikg.Graph, day: str) -> None:
    undated = {s.id for s in newsletter.statements() if s.valid is None}
    known = {s.id for s in newsletter.known_at(day).statements()}
    _open(driver, page, f"?known-at={day}")
    assert _visible_ids(driver) == known
    # As of: the dated statements as the library keeps them; undated ones only when asked, then
    # from when one of their sources may have been published (the same as known at).
    as_of = {s.id for s in newsletter.as_of(day).statements()}
    _open(driver, page, f"?as-of={day}")
    assert _visible_ids(driver) == as_of - undated
    _open(driver, page, f"?as-of={day}&undated=1")
    assert _visible_ids(driver) == (as_of - undated) | (undated & known)


def test_metric_charts_do_not_mix_metrics(driver: Any, page: Path) -> None:
    _open(driver, page, "metrics")
    metric = driver.find_element("id", "metric")
    assert metric.tag_name == "select" and metric.get_attribute("multiple") is None
    charts = driver.find_elements("css selector", ".chart")
    assert charts
    titles = {chart.find_element("css selector", "h3").text.split(" (")[0] for chart in charts}
    assert len(titles) == 1  # one metric at a time
    _shoot(driver, "metrics")
    _open(driver, page, "org/alibaba")
    assert driver.find_elements("css selector", ".chart svg circle")


def test_hostile_names_run_no_script(driver: Any, hostile_page: Path) -> None:
    for fragment in ["", "org/evil", "timeline", "org/other"]:
        _open(driver, hostile_page, fragment)
        assert driver.execute_script("return window.pwned === undefined")
    _open(driver, hostile_page, "org/evil")
    assert driver.find_element("css selector", "#main h1").text.startswith(HOSTILE_NAME)
    assert HOSTILE_ALIAS in driver.find_element("css selector", ".names").text
    assert not driver.find_elements("css selector", "#main img, #main script, #main b")
    source_links = driver.find_elements("css selector", ".sources a")
    assert not source_links  # a javascript: URL is shown as text, never as a link
    driver.find_element("id", "search").send_keys("<IMG src")
    assert driver.find_element("css selector", "#results li[role=option]").get_attribute("data-id") == "org/evil"
    assert driver.title.startswith(HOSTILE_NAME)
    assert driver.execute_script("return window.pwned === undefined")


def test_page_is_readable_on_a_phone(driver: Any, page: Path) -> None:
    driver.set_window_size(390, 844)
    try:
        for fragment in ["org/deepseek", "timeline", "metrics"]:
            _open(driver, page, fragment)
            assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), fragment
        _open(driver, page, "org/deepseek")
        _shoot(driver, "phone")
    finally:
        driver.set_window_size(1200, 1000)


def test_no_request_leaves_the_page(driver: Any, page: Path) -> None:
    driver.get_log("performance")  # what came before
    for fragment in ["", "org/deepseek", "timeline", "metrics", "org/alibaba?as-of=2024-01-01"]:
        _open(driver, page, fragment)
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    requested = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert requested and all(url.startswith(("file:", "about:", "data:")) for url in requested), requested


def test_console_has_no_errors(driver: Any, page: Path) -> None:
    driver.get_log("browser")
    for fragment in ["", "org/deepseek", "timeline", "metrics", "org/alibaba", "product/deepseek-agent",
                     "timeline?as-of=2024-06-30&undated=1", "no/such-entity"]:  # fmt: skip
        _open(driver, page, fragment)
    problems = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []


def test_cli_and_python_write_the_same_page(newsletter: aikg.Graph, tmp_path: Path) -> None:
    cli = Path(os.environ.get("AIKG_CLI", NEWSLETTER.parents[1] / "build" / "tools" / "aikg" / "aikg"))
    if not cli.is_file():
        pytest.skip(f"no aikg command line at {cli}")
    ours, theirs = tmp_path / "python.html", tmp_path / "cli.html"
    newsletter.as_of("2025-06-30").view(types=["Organization"]).ego("org/deepseek", hops=1).export(
        ours, format="html", title="DeepSeek", layout="radial")
    subprocess.run([cli, "export", NEWSLETTER, "--format", "html", "--as-of", "2025-06-30", "--type", "Organization",
                    "--around", "DeepSeek", "--hops", "1", "--title", "DeepSeek", "-o", theirs], check=True)  # fmt: skip
    assert "<title>DeepSeek</title>" in theirs.read_text(encoding="utf-8")
    # The command line lays out with Graphviz when it can; the data before the drawings agree.
    mine, cli_page = ours.read_text(encoding="utf-8"), theirs.read_text(encoding="utf-8")
    assert mine.split('"neighbourhoods"')[0].replace('"layout":"radial"', "") == \
        cli_page.split('"neighbourhoods"')[0].replace('"layout":"graphviz"', "").replace('"layout":"radial"', "")
    with pytest.raises(aikg.ValidationError, match="layout"):
        newsletter.export(tmp_path / "x.html", format="html", layout="spring")
