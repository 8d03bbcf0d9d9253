"""The cost clause in the structured form: Kostenregelung, Umlage, figures, bank account.

Reads :class:`vereinbarung.Costs` into form values and writes them back into the YAML
document (ruamel round trip). The figures per party (Einwohnerzahl, Fallzahl, fester Anteil)
are columns of the party rows; the form shows the newest Stichtag of the Einwohnerzahlen and
the newest year of the Fallzahlen – entering another Stichtag or year adds it, the older ones
stay (the Umlage of a budget year uses the Stichtag ``population_lag`` years before it). Lists
are typed as German lines: »2027: 190.000,00« (Beträge je Haushaltsjahr), »30.06.: 50 %«
(Abschläge). Amounts and percentages are checked by the library
(:class:`vereinbarung.Costs`: euros with cents, percentages adding up to 100).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import vereinbarung
from vereinbarung.web.pages.form_choices import ALL_COST_FIELDS, PARTY_COST_FIELDS

if TYPE_CHECKING:
    from vereinbarung.web.pages.structured import AgreementForm

__all__ = ["euros", "party_figures", "put", "put_costs", "read_costs"]

_ACCOUNT = {
    "kosten-iban": "iban",
    "kosten-bic": "bic",
    "kosten-inhaber": "holder",
    "kosten-bank": "bank",
    "kosten-kassenzeichen": "cash_reference",
    "kosten-zweck": "purpose",
}
_ENTRY = re.compile(r"^\s*(\S+?)\s*:\s*(.+?)\s*$")


def put(mapping: Any, key: str, value: Any) -> None:
    """Set *key* (unchanged values are not rewritten); remove it for an empty value."""
    if value in ("", None, [], {}):
        mapping.pop(key, None)
    elif mapping.get(key) != value:
        mapping[key] = value


def euros(amount: Any) -> str:
    """``190000.00`` → ``190.000,00`` (German, for the form)."""
    whole, _, cents = f"{Decimal(amount):.2f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + cents


def _number(text: Any) -> Decimal | None:
    raw = str(text).strip().removesuffix("€").removesuffix("%").strip()
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _same(stored: Any, typed: str) -> bool:
    left, right = _number(stored), _number(typed)
    return left is not None and left == right


def _whole(text: str) -> int | None:
    raw = text.replace(".", "").replace(" ", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else None


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def read_costs(agreement: vereinbarung.Agreement) -> tuple[dict[str, str], list[str]]:
    """The form values of the cost clause and the parties without a share."""
    values = dict.fromkeys(ALL_COST_FIELDS, "")
    c = agreement.costs
    if c is None:
        return values, []
    account = c.payee_account
    newest = max(c.population, key=lambda f: f.date) if c.population else None
    values.update({
        "kosten-zusammenfassung": c.summary,
        "kosten-schluessel": c.key.value if c.key else "",
        "kosten-betrag": euros(c.amount) if c.amount is not None else "",
        "kosten-empfaenger": c.payee or "",
        "kosten-paragraph": str(c.section or ""),
        "kosten-betraege": "\n".join(f"{y}: {euros(a)}" for y, a in sorted(c.amounts.items())),
        "kosten-ist": "\n".join(f"{y}: {euros(a)}" for y, a in sorted(c.actual.items())),
        "kosten-stichtag": vereinbarung.format_date(newest.date) if newest else "",
        "kosten-quelle": newest.source if newest else "",
        "kosten-einwohner-jahre": str(c.population_lag),
        "kosten-falljahr": str(max(c.cases)) if c.cases else "",
        "kosten-fall-jahre": str(c.cases_lag),
        "kosten-sockel": euros(c.base_amount) if c.base_amount is not None else "",
        "kosten-rest": c.rest_key.value if c.rest_key else "",
        "kosten-wechsel": c.changes.value,
        "kosten-abschlaege": "\n".join(f"{a.due}: {_percent(a.percent)} %" for a in c.advances),
        "kosten-abrechnung": c.settlement,
    })  # fmt: skip
    if account is not None:
        for name, key in _ACCOUNT.items():
            values[name] = str(getattr(account, key) or "")
    return values, list(c.exempt)


def party_figures(agreement: vereinbarung.Agreement) -> dict[str, dict[str, str]]:
    """Per party: Einwohnerzahl (newest Stichtag), Fallzahl (newest year), fester Anteil."""
    c = agreement.costs
    found: dict[str, dict[str, str]] = {
        p.name: dict.fromkeys(PARTY_COST_FIELDS, "") for p in agreement.parties
    }
    if c is None:
        return found
    newest = max(c.population, key=lambda f: f.date) if c.population else None
    cases = c.cases[max(c.cases)] if c.cases else {}
    for name, row in found.items():
        if newest is not None and name in newest.figures:
            row["einwohner"] = f"{newest.figures[name]:,}".replace(",", ".")
        if name in cases:
            row["fallzahl"] = f"{cases[name]:,}".replace(",", ".")
        if name in c.percentages:
            row["anteil"] = _percent(c.percentages[name])
    return found


def _entries(form: AgreementForm, name: str) -> list[tuple[str, str]]:
    """»2027: 190.000,00« lines (or ``;``-separated) as pairs; an error names a bad line."""
    pairs = []
    for line in re.split(r"[;\n]", form.costs.get(name, "")):
        if not line.strip():
            continue
        match = _ENTRY.match(line)
        if match is None:
            form.errors[name] = (
                f"»{line.strip()[:40]}«: bitte je Zeile »Schlüssel: Wert« angeben, z. B. »2027: 190.000,00«."
            )
            return []
        pairs.append((match.group(1).rstrip(":"), match.group(2)))
    return pairs


def _by_year(form: AgreementForm, name: str) -> dict[int, str]:
    result = {}
    for year, amount in _entries(form, name):
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            form.errors[name] = f"»{year}« ist kein Haushaltsjahr (z. B. 2027)."
            return {}
        result[int(year)] = amount
    return result


def _figures(form: AgreementForm, names: list[str], key: str) -> dict[str, int]:
    figures = {}
    for i, row in enumerate(form.parties):
        text = row.get(key, "")
        if not text or row["name"] not in names:
            continue
        number = _whole(text)
        if number is None:
            form.errors[f"partei-{i}-{key}"] = f"»{text[:20]}« ist keine ganze Zahl."
            continue
        figures[row["name"]] = number
    return figures


def put_costs(form: AgreementForm, document: Any, names: set[str]) -> None:
    """The cost clause from the form; keys the form does not show (older Stichtage …) stay."""
    from ruamel.yaml.comments import CommentedMap

    c = form.costs
    order = [row["name"] for row in form.parties]
    exempt = [name for name in form.exempt if name in names]
    figures_given = any(row.get(k) for row in form.parties for k in PARTY_COST_FIELDS)
    if (
        not any(c.get(name) for name in ALL_COST_FIELDS if name not in _DEFAULTED)
        and not exempt
        and not figures_given
    ):
        document.pop("costs", None)
        return
    if not c.get("kosten-zusammenfassung"):
        form.errors["kosten-zusammenfassung"] = (
            "Bitte die Kostenregelung in einem Satz angeben, wie sie in der Vereinbarung steht."
        )
    if c.get("kosten-empfaenger") and c["kosten-empfaenger"] not in names:
        form.errors["kosten-empfaenger"] = "Der Zahlungsempfänger muss eine der Parteien sein."
    costs = document.get("costs")
    if not isinstance(costs, dict):
        costs = CommentedMap()
    for name, key in (("kosten-zusammenfassung", "summary"), ("kosten-schluessel", "key"),
                      ("kosten-empfaenger", "payee"), ("kosten-rest", "rest_key")):  # fmt: skip
        if form.has(name):
            put(costs, key, c.get(name, ""))
    for name, key in (("kosten-betrag", "amount"), ("kosten-sockel", "base_amount")):
        value = c.get(name, "")
        if form.has(name) and not (
            value and costs.get(key) is not None and _same(costs[key], value)
        ):
            put(costs, key, value)
    if form.has("kosten-paragraph"):
        section = c.get("kosten-paragraph", "").removeprefix("§").strip()
        if section and not (section.isascii() and section.isdigit() and len(section) <= 4):
            form.errors["kosten-paragraph"] = (
                f"»{section[:20]}« ist keine Nummer eines Paragraphen."
            )
        elif str(costs.get("section", "")) != section:
            put(costs, "section", int(section) if section else "")
    for name, key in (("kosten-betraege", "amounts"), ("kosten-ist", "actual")):
        if form.has(name):
            _put_years(costs, key, _by_year(form, name))
    for name, key, default in (("kosten-einwohner-jahre", "population_lag", "2"),
                               ("kosten-fall-jahre", "cases_lag", "1"),
                               ("kosten-wechsel", "changes", "full_year"),
                               ("kosten-abrechnung", "settlement", "31.12.")):  # fmt: skip
        value = c.get(name, "")
        if not form.has(name) or ((value in ("", default)) and costs.get(key) in (None, default)):
            continue
        if key.endswith("_lag") and value:
            if not (value.isascii() and value.isdigit() and len(value) <= 2):
                form.errors[name] = f"»{value[:20]}« ist keine Anzahl von Jahren."
                continue
            put(costs, key, int(value))
        elif str(costs.get(key, "")) != value:
            put(costs, key, value)
    if form.has("kosten-abschlaege"):
        advances = [{"due": due, "percent": percent.removesuffix("%").strip()}
                    for due, percent in _entries(form, "kosten-abschlaege")]  # fmt: skip
        current = [
            (str(a.get("due")), _number(a.get("percent"))) for a in costs.get("advances") or []
        ]
        if current != [(a["due"], _number(a["percent"])) for a in advances]:
            put(costs, "advances", [CommentedMap(a) for a in advances])
    if form.has("partei-*-einwohner"):
        _put_population(form, costs, order)
    if form.has("partei-*-fallzahl"):
        _put_cases(form, costs, order)
    if form.has("partei-*-anteil"):
        shares = {row["name"]: row["anteil"] for row in form.parties if row.get("anteil")}
        stored = {k: _number(v) for k, v in (costs.get("percentages") or {}).items()}
        if stored != {k: _number(v) for k, v in shares.items()}:
            put(
                costs,
                "percentages",
                CommentedMap((k, v.replace(",", ".")) for k, v in shares.items()),
            )
    if form.has("kosten-iban"):
        _put_account(form, costs)
    if exempt:
        if list(costs.get("exempt") or []) != exempt:
            costs["exempt"] = exempt
    else:
        costs.pop("exempt", None)
    document["costs"] = costs


#: Fields with a value even where the agreement has no cost clause (the defaults shown).
_DEFAULTED = {"kosten-einwohner-jahre", "kosten-fall-jahre", "kosten-wechsel", "kosten-abrechnung"}


def _put_years(costs: Any, key: str, years: dict[int, str]) -> None:
    from ruamel.yaml.comments import CommentedMap

    current = {int(y): _number(a) for y, a in (costs.get(key) or {}).items()}
    if current != {y: _number(a) for y, a in years.items()}:
        put_map = CommentedMap((y, a) for y, a in sorted(years.items()))
        if put_map:
            costs[key] = put_map
        else:
            costs.pop(key, None)


def _put_population(form: AgreementForm, costs: Any, order: list[str]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    c = form.costs
    figures = _figures(form, order, "einwohner")
    day, source = c.get("kosten-stichtag", ""), c.get("kosten-quelle", "")
    if not figures and not day:
        return
    if not day:
        form.errors["kosten-stichtag"] = "Bitte den Stichtag der Einwohnerzahlen angeben."
        return
    try:
        wanted = vereinbarung.parse_date(day)
    except vereinbarung.VereinbarungError as exc:
        form.errors["kosten-stichtag"] = exc.message
        return
    if not source:
        form.errors["kosten-quelle"] = "Bitte die Quelle der Einwohnerzahlen angeben, z. B. IT.NRW."
    entries = costs.get("population")
    if not isinstance(entries, list):
        entries = CommentedSeq()
    for entry in entries:
        if isinstance(entry, dict) and _is_day(entry.get("date"), wanted):
            put(entry, "source", source)
            if {k: int(v) for k, v in (entry.get("figures") or {}).items()} != figures:
                entry["figures"] = CommentedMap(figures)
            break
    else:
        entries.append(CommentedMap(
            date=vereinbarung.format_date(wanted), source=source, figures=CommentedMap(figures),
        ))  # fmt: skip
    costs["population"] = entries


def _is_day(stored: Any, wanted: Any) -> bool:
    try:
        return bool(vereinbarung.parse_date(str(stored)) == wanted)
    except vereinbarung.VereinbarungError:
        return False


def _put_cases(form: AgreementForm, costs: Any, order: list[str]) -> None:
    from ruamel.yaml.comments import CommentedMap

    figures = _figures(form, order, "fallzahl")
    year = form.costs.get("kosten-falljahr", "")
    if not figures and not year:
        return
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        form.errors["kosten-falljahr"] = "Bitte das Jahr der Fallzahlen angeben (z. B. 2026)."
        return
    cases = costs.get("cases")
    if not isinstance(cases, dict):
        cases = CommentedMap()
    if {k: int(v) for k, v in (cases.get(int(year)) or {}).items()} != figures:
        cases[int(year)] = CommentedMap(figures)
    costs["cases"] = cases


def _put_account(form: AgreementForm, costs: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    c = form.costs
    if not c.get("kosten-iban"):
        if any(c.get(name) for name in _ACCOUNT):
            form.errors["kosten-iban"] = (
                "Bitte die IBAN angeben (oder die Bankverbindung leer lassen)."
            )
        costs.pop("payee_account", None)
        return
    account = costs.get("payee_account")
    if not isinstance(account, dict):
        account = CommentedMap()
    for name, key in _ACCOUNT.items():
        value = c.get(name, "")
        if key == "iban" and value.replace(" ", "") == str(account.get(key, "")).replace(" ", ""):
            continue
        put(account, key, value)
    costs["payee_account"] = account
