"""The newsroom page in headless Chromium against the real server (gunicorn on loopback).

The server requires an API key and allows 6,000 characters per article (see conftest), so
the key field, a real 401, a real 413 and a real 422 are all exercised. 429 and 503 cannot
be produced on demand by one idle server; for those two the page's ``fetch`` is replaced by
one that answers the problem the server would send, and the message is checked.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

WAIT_S = 120  # catches hangs only


def _by():
    from selenium.webdriver.common.by import By

    return By


def _wait(browser: Any, condition: Any, timeout: float = WAIT_S) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def open_page(browser: Any, server: Any) -> None:
    browser.get(server.url + "/")
    _wait(browser, lambda d: d.execute_script("return !!window.claimscope"))


def paste(browser: Any, text: str) -> None:
    """What a paste does: the text area's value changes and an input event fires."""
    browser.execute_script(
        "const t = document.getElementById('text'); t.value = arguments[0];"
        "t.dispatchEvent(new Event('input', {bubbles: true}));",
        text,
    )


def submit(browser: Any, key: str) -> str:
    """Type the key, press the button, wait for results or a message; return which came."""
    by = _by()
    field = browser.find_element(by.ID, "api-key")
    field.clear()
    field.send_keys(key)
    browser.execute_script(
        "document.getElementById('results').hidden = true;"
        "document.getElementById('message').hidden = true;"
    )
    browser.find_element(by.ID, "run").click()

    def outcome(d: Any) -> str | bool:
        if d.find_element(by.ID, "message").is_displayed():
            return "message"
        if d.find_element(by.ID, "results").is_displayed():
            return "results"
        return False

    return _wait(browser, outcome)


def message(browser: Any) -> str:
    return browser.find_element(_by().ID, "message").text


@pytest.fixture(scope="module")
def seed_response(page_server, seed_text) -> dict:
    response = page_server.extract({"text": seed_text})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture()
def seeded(browser, page_server, seed_text, seed_response) -> dict:
    """The page with the seed article pasted and extracted."""
    browser.set_window_size(1280, 1000)
    open_page(browser, page_server)
    paste(browser, seed_text)
    assert submit(browser, page_server.api_key) == "results", message(browser)
    return seed_response


def visible_heads(browser: Any) -> list[Any]:
    return browser.find_elements(_by().CSS_SELECTOR, "#article mark.claim.head:not(.off)")


def test_seed_article_every_claim_highlighted_at_its_offsets(
    browser, seeded, seed_text, artefact_dir
):
    by = _by()
    claims = seeded["claims"]
    assert claims, "the seed article has claims"
    heads = browser.find_elements(by.CSS_SELECTOR, "#article mark.claim.head")
    assert len(heads) == len(claims)
    assert [h.get_attribute("data-claim-id") for h in heads] == [c["id"] for c in claims]
    every = browser.find_elements(by.CSS_SELECTOR, "#article mark.claim")
    assert {e.get_attribute("data-claim-id") for e in every} == {c["id"] for c in claims}
    # the article is the pasted text, character for character (badges are CSS, not text)
    shown = browser.execute_script("return document.getElementById('article').textContent")
    assert shown == seed_text
    drawn = browser.execute_script(
        "const out = {};"
        "for (const m of document.querySelectorAll('#article mark.claim')) {"
        "  out[m.dataset.claimId] = (out[m.dataset.claimId] || '') + m.textContent; }"
        "return out;"
    )
    for claim in claims:
        assert drawn[claim["id"]] == seed_text[claim["start"] : claim["end"]] == claim["text"]
        head = browser.find_element(by.ID, "claim-" + claim["id"])
        speaker = claim["speaker"]
        assert head.get_attribute("data-speaker-id") == (speaker["id"] if speaker else None)
        assert f"t-{claim['type']}" in head.get_attribute("class").split()
    cues = browser.find_elements(by.CSS_SELECTOR, "#article .cue")
    assert {c.text for c in cues} >= {c["cue"]["text"] for c in claims if c["cue"]}
    mentions = browser.find_elements(by.CSS_SELECTOR, "#article .mention")
    assert {m.text for m in mentions} >= {
        c["speaker"]["mention"]["text"] for c in claims if c["speaker"]
    }
    # the first quote with a named speaker, focused: its card opens beside it
    quote = next(c for c in claims if c["type"] == "direct" and c["speaker"])
    browser.set_window_size(1280, 1160)
    browser.execute_script("document.getElementById(arguments[0]).focus()", "claim-" + quote["id"])
    card = browser.find_element(by.ID, "card")
    assert card.is_displayed() and quote["speaker"]["name"] in card.text
    shot = artefact_dir / "seed-article.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def _mention_element(browser: Any, text: str) -> Any:
    found = [
        m for m in browser.find_elements(_by().CSS_SELECTOR, "#article .mention") if m.text == text
    ]
    assert found, f"no mention {text!r} highlighted"
    return found[0]


def test_card_for_the_russian_leader_names_vladimir_putin(browser, seeded):
    from selenium.webdriver.common.action_chains import ActionChains

    by = _by()
    card = browser.find_element(by.ID, "card")
    ActionChains(browser).move_to_element(_mention_element(browser, "the Russian leader")).perform()
    _wait(browser, lambda d: card.is_displayed())
    assert "Vladimir Putin" in card.text and "the Russian leader" in card.text

    # the claim made through that mention, reached with the keyboard: its card says the same
    claim = next(
        c
        for c in seeded["claims"]
        if c["speaker"] and c["speaker"]["mention"]["text"] == "the Russian leader"
    )
    order = [c["id"] for c in seeded["claims"]]
    before = order[order.index(claim["id"]) - 1]
    browser.execute_script("document.getElementById(arguments[0]).focus()", "claim-" + before)
    browser.switch_to.active_element.send_keys("j")
    assert browser.switch_to.active_element.get_attribute("data-claim-id") == claim["id"]
    _wait(
        browser,
        lambda d: card.is_displayed() and card.get_attribute("data-claim-id") == claim["id"],
    )
    text = card.text
    assert "Vladimir Putin" in text and "“the Russian leader”" in text
    assert f"{claim['confidence']:.2f}" in text and claim["cue"]["text"] in text
    assert (
        browser.find_element(by.ID, "claim-" + claim["id"]).get_attribute("aria-describedby")
        == "card"
    )
    browser.switch_to.active_element.send_keys("\ue00c")  # Escape
    assert not card.is_displayed()


def test_speaker_filter_shows_only_that_speakers_claims(browser, seeded):
    by = _by()
    putin = next(s for s in seeded["speakers"] if s["name"] == "Vladimir Putin")
    others = [
        c["id"]
        for c in seeded["claims"]
        if not (c["speaker"] and c["speaker"]["id"] == putin["id"])
    ]
    assert others and putin["claim_ids"]
    button = browser.find_element(
        by.CSS_SELECTOR, f"#speakers button[data-speaker-id='{putin['id']}']"
    )
    assert "Vladimir Putin" in button.text and f"{len(putin['claim_ids'])} claim" in button.text
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    shown = visible_heads(browser)
    assert [h.get_attribute("data-claim-id") for h in shown] == putin["claim_ids"]
    for claim_id in others:
        head = browser.find_element(by.ID, "claim-" + claim_id)
        assert "off" in head.get_attribute("class").split()
        assert head.value_of_css_property("border-bottom-style") == "none"
        assert head.get_attribute("tabindex") == "-1"
    worthy = browser.find_elements(by.CSS_SELECTOR, "#worthy button")
    assert worthy and {w.get_attribute("data-claim-id") for w in worthy} <= set(putin["claim_ids"])
    browser.find_element(by.ID, "all-speakers").click()
    assert len(visible_heads(browser)) == len(seeded["claims"])


def test_type_and_threshold_filters_and_worthy_list_jump(browser, seeded):
    by = _by()
    claims = seeded["claims"]
    box = browser.find_element(by.CSS_SELECTOR, "#types input[value='direct']")
    box.click()
    assert {h.get_attribute("data-claim-id") for h in visible_heads(browser)} == {
        c["id"] for c in claims if c["type"] != "direct"
    }
    box.click()
    threshold = 0.3
    browser.execute_script(
        "const r = document.getElementById('min-checkworthiness'); r.value = arguments[0];"
        "r.dispatchEvent(new Event('input', {bubbles: true}));",
        threshold,
    )
    expected = [
        c["id"]
        for c in claims
        if c["checkworthiness"] is not None and c["checkworthiness"] >= threshold
    ]
    assert [h.get_attribute("data-claim-id") for h in visible_heads(browser)] == expected
    worthy = browser.find_elements(by.CSS_SELECTOR, "#worthy button")
    ranked = sorted(
        (c for c in claims if c["id"] in expected), key=lambda c: -c["checkworthiness"]
    )[: len(worthy)]
    assert [w.get_attribute("data-claim-id") for w in worthy] == [c["id"] for c in ranked]
    worthy[0].click()
    assert browser.switch_to.active_element.get_attribute("id") == "claim-" + ranked[0]["id"]


def _downloaded(folder: Path, suffix: str, since: float) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*" + suffix) if p.stat().st_mtime >= since - 1]
        if done:
            return max(done, key=lambda p: p.stat().st_mtime)
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download in {folder}: {list(folder.iterdir())}")


def test_csv_and_json_exports_hold_every_claim(browser, seeded, download_dir):
    by = _by()
    for old in download_dir.iterdir():
        old.unlink()
    since = time.time()
    browser.find_element(by.ID, "export-csv").click()
    rows = list(
        csv.DictReader(io.StringIO(_downloaded(download_dir, ".csv", since).read_text("utf-8")))
    )
    claims = seeded["claims"]
    assert len(rows) == len(claims)
    for row, claim in zip(rows, claims, strict=True):
        assert row["claim_id"] == claim["id"] and row["text"].lstrip("'") == claim["text"]
        assert int(row["start"]) == claim["start"] and row["type"] == claim["type"]
        speaker = claim["speaker"]
        assert row["speaker_name"] == (speaker["name"] if speaker else "")
        assert row["mention"] == (speaker["mention"]["text"] if speaker else "")
    browser.find_element(by.ID, "export-json").click()
    exported = json.loads(_downloaded(download_dir, ".json", since).read_text("utf-8"))
    assert [c["id"] for c in exported["claims"]] == [c["id"] for c in claims]
    assert exported["speakers"] == seeded["speakers"]


def test_article_over_the_limit_shows_the_413(browser, page_server, seed_text):
    open_page(browser, page_server)
    paste(browser, "\n\n".join([seed_text] * 3))  # 8,800+ characters, limit 6,000
    assert "over the limit" in browser.find_element(_by().ID, "text-count").text
    assert submit(browser, page_server.api_key) == "message"
    text = message(browser)
    assert "too long" in text and "6000" in text.replace(",", "")
    assert "Request id" in text


def test_wrong_key_and_invalid_label_show_401_and_422(browser, page_server, seed_text):
    by = _by()
    open_page(browser, page_server)
    paste(browser, seed_text)
    assert submit(browser, "not-the-key") == "message"
    assert "API key" in message(browser)
    browser.find_element(by.CSS_SELECTOR, "details summary").click()
    browser.find_element(by.ID, "labels").send_keys("x" * 300)
    assert submit(browser, page_server.api_key) == "message"
    text = message(browser)
    assert "not accepted" in text and "labels" in text


@pytest.mark.parametrize(
    ("status", "expected"),
    [(429, "already have extractions running"), (503, "busy or not ready")],
)
def test_overload_answers_show_retry_after(browser, page_server, seed_text, status, expected):
    open_page(browser, page_server)
    paste(browser, seed_text)
    browser.execute_script(
        "const status = arguments[0];"
        "window.fetch = async () => new Response(JSON.stringify({"
        "  type: 'https://claimscope.dev/problems/x', title: 'Refused', status,"
        "  detail: 'The service refused this request for now.', request_id: 'r-1'}),"
        "  {status, headers: {'Content-Type': 'application/problem+json', 'Retry-After': '7'}});",
        status,
    )
    assert submit(browser, page_server.api_key) == "message"
    text = message(browser)
    assert expected in text and "7 seconds" in text and "refused this request" in text


def test_page_fits_a_360_px_screen(browser, seeded):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360
        panel = browser.find_element(_by().CSS_SELECTOR, "aside.panel").rect
        article = browser.find_element(_by().ID, "article").rect
        assert panel["y"] >= article["y"] + article["height"] - 1  # stacked, not squeezed
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _long_response(size: int = 100_000) -> tuple[str, dict]:
    """An invented article of ``size`` characters with a claim in every sentence, claims
    that nest and cross, and an astral character so code points and UTF-16 differ."""
    names = ["Ada Ruiz", "Bo Tan", "Cleo Marsh", "Dev Okafor", "Eli Stone"]
    speakers = [
        {
            "id": f"s{i + 1}",
            "name": n,
            "type": "PERSON",
            "role": None,
            "aliases": [],
            "mentions": [],
            "claim_ids": [],
        }
        for i, n in enumerate(names)
    ]
    parts: list[str] = ["Notes 🗞 from the council.\n"]
    claims: list[dict] = []
    length = len(parts[0])
    i = 0
    while length < size - 200:
        sp = speakers[i % len(speakers)]
        quote = f"The budget line {i} will grow by {i % 7} percent next year"
        sentence = f"“{quote},” said {sp['name']}. "
        start = length + 1
        mention_start = start + len(quote) + 8
        cue_start = mention_start - 5
        claims.append(
            {
                "id": f"c{len(claims) + 1}",
                "text": quote,
                "start": start,
                "end": start + len(quote),
                "type": ["direct", "indirect", "mixed"][i % 3],
                "cue": {"text": "said", "start": cue_start, "end": cue_start + 4},
                "framing": "neutral",
                "speaker": {
                    "id": sp["id"],
                    "name": sp["name"],
                    "type": "PERSON",
                    "confidence": 0.9,
                    "mention": {
                        "text": sp["name"],
                        "start": mention_start,
                        "end": mention_start + len(sp["name"]),
                    },
                },
                "confidence": 0.5 + (i % 5) / 10,
                "labels": [],
                "checkworthiness": (i % 10) / 10,
                "stance": [],
            }
        )
        sp["claim_ids"].append(claims[-1]["id"])
        if i % 50 == 0:  # a claim that crosses the previous one's end, and one inside it
            claims.append(
                dict(
                    claims[-1],
                    id=f"c{len(claims) + 1}",
                    start=start + 4,
                    end=start + len(quote) + 12,
                    type="unattributed",
                    speaker=None,
                    cue=None,
                    framing=None,
                )
            )
            claims.append(
                dict(claims[-1], id=f"c{len(claims) + 1}", start=start + 6, end=start + 10)
            )
        parts.append(sentence + ("\n\n" if i % 6 == 5 else ""))
        length += len(parts[-1])
        i += 1
    parts.append("x" * (size - length))
    text = "".join(parts)
    assert len(text) == size
    shift = len(text.encode("utf-16-le")) // 2 - len(text)  # one astral character: +1
    for c in claims:
        c["text"] = text[c["start"] : c["end"]]
        c["start_utf16"], c["end_utf16"] = c["start"] + shift, c["end"] + shift
        if c["speaker"]:
            m = c["speaker"]["mention"]
            m["start_utf16"], m["end_utf16"] = m["start"] + shift, m["end"] + shift
    response = {
        "id": "long",
        "claims": claims,
        "speakers": speakers,
        "entities": [],
        "document_stance": [],
        "meta": {},
    }
    return text, response


def test_a_100000_character_article_renders_in_one_pass(browser, page_server):
    text, response = _long_response()
    open_page(browser, page_server)
    took = browser.execute_script(
        "const t0 = performance.now(); window.claimscope.render(arguments[0], arguments[1]);"
        "document.body.offsetHeight; return performance.now() - t0;",
        text,
        response,
    )
    print(f"rendered {len(text)} characters, {len(response['claims'])} claims in {took:.0f} ms")
    by = _by()
    assert browser.execute_script("return document.getElementById('article').textContent") == text
    assert len(browser.find_elements(by.CSS_SELECTOR, "#article mark.claim.head")) == len(
        response["claims"]
    )
    drawn = browser.execute_script(
        "const out = {};"
        "for (const m of document.querySelectorAll('#article mark.claim')) {"
        "  out[m.dataset.claimId] = (out[m.dataset.claimId] || '') + m.textContent; }"
        "return out;"
    )
    for claim in response["claims"]:  # a crossing claim is split; its parts add up exactly
        assert drawn[claim["id"]] == claim["text"], claim["id"]
    split = browser.execute_script(
        "return document.querySelectorAll('#article mark.claim:not(.head)').length"
    )
    assert split > 0
    cue_texts = browser.execute_script(
        "return Array.from(document.querySelectorAll('#article .cue'), c => c.textContent)"
    )
    assert set(cue_texts) == {"said"}  # cue offsets are code points: mapped past the 🗞


def test_txt_file_fills_the_text_area(browser, page_server, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "The minister said the bridge would reopen in May.\r\nIt did not.\r\n", "utf-8"
    )
    open_page(browser, page_server)
    browser.find_element(_by().ID, "file").send_keys(str(article))
    _wait(browser, lambda d: d.execute_script("return document.getElementById('text').value"))
    value = browser.execute_script("return document.getElementById('text').value")
    assert value == "The minister said the bridge would reopen in May.\nIt did not.\n"
    assert browser.find_element(_by().ID, "text-count").text.startswith("62 characters")


def test_card_shows_resolution_and_rules_when_the_response_has_them(browser, page_server):
    text = "Ms Vale spoke first. The senator said the vote would pass."
    mention = {"text": "The senator", "start": 21, "end": 32, "start_utf16": 21, "end_utf16": 32}
    claim = {
        "id": "c1",
        "text": "the vote would pass",
        "start": 38,
        "end": 57,
        "start_utf16": 38,
        "end_utf16": 57,
        "type": "indirect",
        "cue": {"text": "said", "start": 33, "end": 37},
        "framing": "neutral",
        "confidence": 0.8,
        "labels": [],
        "checkworthiness": 0.4,
        "stance": [{"target": "the vote", "label": "favor", "score": 0.7}],
        "explain": ["reported_speech_verb", "title_antecedent"],
        "speaker": {
            "id": "s1",
            "name": "Ada Vale",
            "type": "PERSON",
            "confidence": 0.9,
            "mention": mention,
            "resolution": {
                "method": "coref-title",
                "antecedent": {"text": "Ms Vale"},
                "confidence": 0.85,
            },
        },
    }
    speaker = {
        "id": "s1",
        "name": "Ada Vale",
        "type": "PERSON",
        "role": "senator",
        "aliases": ["Vale"],
        "mentions": [mention],
        "claim_ids": ["c1"],
    }
    open_page(browser, page_server)
    browser.execute_script(
        "window.claimscope.render(arguments[0], arguments[1]);"
        "document.getElementById('claim-c1').focus();",
        text,
        {
            "id": "x",
            "claims": [claim],
            "speakers": [speaker],
            "entities": [],
            "document_stance": [],
            "meta": {},
        },
    )
    card = browser.find_element(_by().ID, "card").text
    for expected in (
        "Ada Vale",
        "“The senator”",
        "coref-title",
        "antecedent “Ms Vale”",
        "0.85",
        "reported_speech_verb, title_antecedent",
        "the vote: favor 0.70",
        "senator",
    ):
        assert expected in card, expected
