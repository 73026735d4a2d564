"""Suspected duplicate customers, found with splink (probabilistic record linkage, DuckDB backend).

Records are compared on transliterated, folded name keys (see `transliterate.match_key`), e-mail (exact,
then the local part exact or one edit apart, so a new domain still counts), phone (the last 9 digits, so
+380 / 0 / 380 prefixes agree, then one digit apart) and city. Two records whose first names are both
given and unalike, or are the male and female forms of one name (Валентин / Валентина), are taken for two
people, as a family on one phone in one city is, unless an e-mail agrees too (the "first names differ"
level, its weight fixed). Splink runs in its own in-memory DuckDB so its working tables never land in the
workspace. m/u start from priors written below (so tiny bases work); with enough records u is estimated by
seeded random sampling and m by EM — both deterministic.

Pairs at or above the threshold are then clustered (`cluster_pairs`): linked records form a cluster, except
that a cluster never joins two records whose first names differ unless the model linked those two directly;
a record that links to two such people (a surname alone on a family's phone) is held back for review.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_analysis import count_comparisons_from_blocking_rules
from splink.blocking_rule_library import CustomRule

from segmint.quality.transliterate import match_key
from segmint.store.workspace import Workspace

DEFAULT_THRESHOLD = 0.8  # measured on the labelled set: benchmarks/dedupe_bench.py
SEED = 20240601
MIN_RECORDS_TO_TRAIN = 500  # below this, EM has too few pairs to learn from; the priors are used
# m of the "first names differ" level: so rare among one person's records that a shared phone and city
# (about 2^18) do not outweigh it, a shared e-mail as well (2^15 more) does
FIRST_NAMES_DIFFER_M = 1e-5
SWAPPED = 0.8  # each first name this like the other record's surname: the names are swapped, not differ
UNALIKE = 0.8  # first names less alike than this (Jaro-Winkler of the match keys) differ
# Male and female forms of one name that are not the male form plus -a / -ia (which `_gender_forms_sql`
# takes for any name): a few Latin ones, spelled as people write them and compared as match keys
GENDER_FORMS = [
    ("Alexander", "Alexandra"), ("Olexander", "Olexandra"), ("Eugene", "Eugenia"), ("Francis", "Frances"),
    ("Louis", "Louise"), ("Julius", "Julia"), ("Joseph", "Josephine"), ("Stephen", "Stephanie"),
    ("George", "Georgia"), ("Charles", "Charlotte"), ("Daniel", "Danielle"), ("Gabriel", "Gabrielle"),
]  # fmt: skip
_HELD_COLUMNS = ["customer_id", "linked_to", "match_probability"]
PHONE_TAIL = 9  # a Ukrainian national significant number; also long enough to be unique elsewhere
EXAMPLES = 10


@dataclass
class DuplicateReport:
    """Scored candidate pairs and the clusters they form at `threshold` (only clusters of 2 or more)."""

    threshold: float
    records: int  # live customers compared
    pairs: pd.DataFrame  # customer_id_l, customer_id_r, match_probability (at or above threshold)
    clusters: pd.DataFrame  # cluster_id, customer_id
    profiles: pd.DataFrame  # customer_id and compared fields: clustered, held back and linked-to records
    trained: bool  # False when the prior m were used: too few records, or no sure pair to learn from
    notes: list[str] = field(default_factory=list)
    # records left out of every cluster although linked at or above threshold (see cluster_pairs): one row
    # per link, customer_id, linked_to, match_probability
    held_back: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_HELD_COLUMNS))

    @property
    def duplicate_records(self) -> int:
        """Records that would disappear if every cluster were merged into one survivor."""
        return len(self.clusters) - self.clusters.cluster_id.nunique()

    @property
    def pairs_within_clusters(self) -> pd.DataFrame:
        """The pairs both of whose records are in one cluster: a cluster's certainty is that of its own
        links, not of a link to a record held back from it."""
        cluster_of = self.clusters.set_index("customer_id").cluster_id
        same = self.pairs.customer_id_l.map(cluster_of).eq(self.pairs.customer_id_r.map(cluster_of))
        return self.pairs[same]

    def summary(self, examples: int = EXAMPLES) -> dict[str, Any]:
        """A JSON-ready digest: counts and the largest, most certain clusters as examples."""
        sides = [
            self.pairs_within_clusters[[side, "match_probability"]].set_axis(["customer_id", "p"], axis=1)
            for side in ("customer_id_l", "customer_id_r")
        ]
        best = pd.concat(sides).groupby("customer_id").p.max()
        shown = []
        for cluster_id, members in self.clusters.groupby("cluster_id", sort=False):
            ids = sorted(members.customer_id)
            probability = best.reindex(ids).max()
            shown.append((len(ids), 0.0 if pd.isna(probability) else float(probability), cluster_id, ids))
        shown.sort(key=lambda item: (-item[0], -item[1], item[2]))
        profiles = self.profiles.set_index("customer_id")
        return {
            "threshold": self.threshold,
            "records_compared": self.records,
            "pairs": len(self.pairs),
            "clusters": int(self.clusters.cluster_id.nunique()),
            "records_in_clusters": len(self.clusters),
            "duplicate_records": self.duplicate_records,
            "trained": self.trained,
            "notes": self.notes,
            "examples": [
                {
                    "cluster_id": cluster_id,
                    "size": size,
                    "max_probability": round(probability, 4),
                    "records": [{"customer_id": cid, **_clean(profiles.loc[cid].to_dict())} for cid in ids],
                }
                for size, probability, cluster_id, ids in shown[:examples]
            ],
            # linked, but left unmerged for a person to look at: see cluster_pairs
            "held_back": [
                {
                    "customer_id": cid,
                    "linked_to": links.linked_to.tolist(),
                    "records": [
                        {"customer_id": one, **_clean(profiles.loc[one].to_dict())}
                        for one in [cid, *links.linked_to]
                    ],
                }
                for cid, links in self.held_back.groupby("customer_id", sort=True)
            ],
        }


def find_duplicates(ws: Workspace, threshold: float = DEFAULT_THRESHOLD) -> DuplicateReport:
    """Score candidate pairs among live customers and cluster those at or above `threshold`."""
    customers = ws.table("customers")
    live = customers.filter(customers.merged_into.isnull()).select(
        "customer_id", "first_name", "last_name", "full_name", "email", "phone", "city"
    )
    frame = live.order_by("customer_id").to_pandas()
    return find_duplicates_in_frame(frame, threshold=threshold)


def find_duplicates_in_frame(frame: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> DuplicateReport:
    """The same on a frame with customer_id, first_name, last_name, full_name, email, phone, city."""
    records = comparison_records(frame)
    profile_columns = ["customer_id", "first_name", "last_name", "full_name", "email", "phone", "city"]
    empty = DuplicateReport(
        threshold=threshold,
        records=len(records),
        pairs=pd.DataFrame({"customer_id_l": [], "customer_id_r": [], "match_probability": []}),
        clusters=pd.DataFrame({"cluster_id": pd.Series(dtype=str), "customer_id": pd.Series(dtype=str)}),
        profiles=frame.reindex(columns=profile_columns).iloc[0:0],
        trained=False,
    )
    if len(records) < 2:
        return empty
    with _quiet_splink(), contextlib.closing(duckdb.connect()) as con:
        con.execute("SET enable_progress_bar = false")  # drawn on stdout, where --json goes
        db_api = DuckDBAPI(con)
        table = db_api.register(records, dataset_display_name="customers")
        linker = Linker(table, model_settings(len(records)), log_level=None)
        trained, notes = train(linker, table, len(records))
        scored = linker.inference.predict(threshold_match_probability=threshold)
        pairs = con.sql(
            f"SELECT unique_id_l AS customer_id_l, unique_id_r AS customer_id_r, match_probability "
            f"FROM {scored.physical_name} WHERE match_probability >= ? "
            f"ORDER BY match_probability DESC, customer_id_l, customer_id_r",
            params=[threshold],
        ).df()
        clusters, held_back = cluster_pairs(pairs, differing_pairs(con, records, pairs))
    shown = pd.concat([clusters.customer_id, held_back.customer_id, held_back.linked_to])
    profiles = frame[frame.customer_id.isin(shown)].reindex(columns=profile_columns)
    return DuplicateReport(
        threshold=threshold,
        records=len(records),
        pairs=pairs,
        clusters=clusters,
        profiles=profiles.reset_index(drop=True),
        trained=trained,
        notes=notes,
        held_back=held_back,
    )


def differing_pairs(
    con: duckdb.DuckDBPyConnection, records: pd.DataFrame, pairs: pd.DataFrame
) -> set[frozenset[str]]:
    """Pairs of records that links join into one component whose first names differ, by the model's own
    "first names differ" condition (`first_names_differ_sql`): by their names, two people."""
    linked = _components(pairs)
    if not linked:
        return set()
    members = pd.DataFrame({"unique_id": list(linked), "component": list(linked.values())})
    names = records[records.unique_id.isin(linked)][["unique_id", "first_key", "last_key"]]
    con.register("_members", members)
    con.register("_names", names)
    try:
        rows = con.sql(
            "SELECT a.unique_id, b.unique_id "
            "FROM _members a JOIN _members b ON a.component = b.component AND a.unique_id < b.unique_id "
            "JOIN _names na ON na.unique_id = a.unique_id JOIN _names nb ON nb.unique_id = b.unique_id "
            "WHERE " + first_names_differ_sql("na.first_key", "nb.first_key", "na.last_key", "nb.last_key")
        ).fetchall()
    finally:
        con.unregister("_members")
        con.unregister("_names")
    return {frozenset(row) for row in rows}


def cluster_pairs(pairs: pd.DataFrame, differ: set[frozenset[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clusters (cluster_id, customer_id; 2 or more each) of the linked pairs, and the records held back.

    Linked records form one cluster (connected components, as splink clusters), unless the chain of links
    joins two records whose first names differ (`differ`) that the model did not link to each other. A
    record with a surname alone on a family's phone links to the husband and to the wife (0.99 each), and
    the component merged all three. The model weighed the names of each pair it linked (an e-mail agreeing
    as well can outweigh them); nothing weighed the names of two records only a third one joins, so those
    are taken for two people and never put in one cluster.

    Such a component is rebuilt from its strongest links down, a link being taken only when it puts no two
    such people together, so each stays with the records it links to most strongly. A record whose links
    then still reach two groups, and whose first name fits both (none given, or alike), cannot be placed
    without guessing whose record it is: it is held back, out of every cluster, and the groups are rebuilt
    without it; a record whose first name fits one group only stays there. A record left in no cluster
    while a record it links to is clustered (its name differs from that cluster's) is held back too. Held
    back records are not merged; the report lists them with their links for a person to decide. The
    cluster id is the smallest customer id in the cluster. Returns (clusters, held_back: customer_id,
    linked_to, match_probability, one row per link of a record held back).
    """
    links = list(
        zip(pairs.customer_id_l, pairs.customer_id_r, pairs.match_probability.astype(float), strict=True)
    )
    apart = differ - {frozenset((left, right)) for left, right, _ in links}
    component = _components(pairs)
    torn_apart = {component[next(iter(pair))] for pair in apart}
    by_component: dict[str, list[tuple[str, str, float]]] = {}
    for link in links:
        by_component.setdefault(component[link[0]], []).append(link)
    clusters: list[tuple[str, str]] = []
    held_rows: list[tuple[str, str, float]] = []
    for key, edges in by_component.items():
        ids = {cid for left, right, _ in edges for cid in (left, right)}
        groups, held = _split(ids, edges, apart, differ) if key in torn_apart else ([ids], set())
        clustered = {cid for group in groups if len(group) > 1 for cid in group}
        clusters += [(min(group), cid) for group in groups if len(group) > 1 for cid in group]
        for left, right, p in edges:
            for one, other in ((left, right), (right, left)):
                if one in held or (one not in clustered and other in clustered):
                    held_rows.append((one, other, p))
    frame = pd.DataFrame(clusters, columns=["cluster_id", "customer_id"], dtype=str)
    held_back = pd.DataFrame(held_rows, columns=_HELD_COLUMNS).astype({"customer_id": str, "linked_to": str})
    return (
        frame.sort_values(["cluster_id", "customer_id"]).reset_index(drop=True),
        held_back.sort_values(
            ["customer_id", "match_probability", "linked_to"], ascending=[True, False, True]
        ).reset_index(drop=True),
    )


def _components(pairs: pd.DataFrame) -> dict[str, str]:
    """customer_id -> the smallest id of its connected component, for every record in a pair."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for left, right in zip(pairs.customer_id_l, pairs.customer_id_r, strict=True):
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in parent}


def _split(
    ids: set[str],
    edges: list[tuple[str, str, float]],
    apart: set[frozenset[str]],
    differ: set[frozenset[str]],
) -> tuple[list[set[str]], set[str]]:
    """The groups of one component whose links join people kept `apart`, and the records held back."""
    ordered = [(left, right) for left, right, _ in sorted(edges, key=lambda e: (-e[2], e[0], e[1]))]
    held: set[str] = set()
    while True:
        group = {cid: {cid} for cid in ids - held}
        for left, right in ordered:
            if left in held or right in held or group[left] is group[right]:
                continue
            if any(frozenset((a, b)) in apart for a in group[left] for b in group[right]):
                continue
            joined = group[left] | group[right]
            for cid in joined:
                group[cid] = joined
        # the groups each record's links reach, by their smallest id: two when a link was refused
        reach: dict[str, set[str]] = {}
        for left, right in ordered:
            if left not in held and right not in held:
                reach.setdefault(left, set()).add(min(group[right]))
                reach.setdefault(right, set()).add(min(group[left]))
        torn = {
            cid
            for cid, reached in reach.items()
            if sum(not any(frozenset((cid, m)) in differ for m in group[g]) for g in reached) > 1
        }
        if not torn:
            return list({min(g): g for g in group.values()}.values()), held
        held |= torn


def comparison_records(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per customer with the folded keys splink compares (None where a field is empty)."""
    first = frame["first_name"].map(_key)
    last = frame["last_name"].map(_key)
    full = frame["full_name"].map(_key)
    # A record with only a full name: first word as first name, the rest as last name (the reversed-names
    # level catches "Surname Name" order).
    split = full.str.split(" ", n=1)
    first = first.where(first.notna() | full.isna(), split.str[0])
    last = last.where(last.notna() | full.isna(), split.str[1])
    email = frame["email"].map(lambda v: v.strip().lower() if isinstance(v, str) and v.strip() else None)
    digits = frame["phone"].map(lambda v: "".join(c for c in v if c.isdigit()) if isinstance(v, str) else "")
    records = pd.DataFrame(
        {
            "unique_id": frame["customer_id"].astype(str),
            "first_key": first,
            "last_key": last,
            "name_key": (first.fillna("") + " " + last.fillna("")).str.strip().replace("", None),
            "email": email,
            "email_user": email.map(_email_user),
            "email_user_is_name": [_spelled_from_name(*v) for v in zip(email, first, last, strict=True)],
            "phone_tail": digits.map(lambda d: d[-PHONE_TAIL:] if len(d) >= 7 else None),
            "city_key": frame["city"].map(_key),
        }
    )
    # typed as text even when no record has a value: a column of nothing but None reaches DuckDB as INTEGER,
    # and splink's string comparisons on it fail (a shop export without names or e-mails)
    text = records.columns.drop("email_user_is_name")
    records = records.astype(dict.fromkeys(text, "string"))
    return records.sort_values("unique_id", kind="stable").reset_index(drop=True)


def _key(value: Any) -> str | None:
    return match_key(value) if isinstance(value, str) else None


def _email_user(email: Any) -> str | None:
    """The local part without +tags and dots (gmail ignores both), so o.petrenko+shop == opetrenko."""
    if not isinstance(email, str) or "@" not in email:
        return None
    local = email.rsplit("@", 1)[0].split("+", 1)[0]
    local = "".join(c for c in local if c not in "._-")
    return local or None


def _spelled_from_name(email: Any, first: Any, last: Any) -> bool:
    """Is the e-mail's local part just the person's name (olena.koval, okoval, koval.olena, olena)?"""
    user = _email_user(email)
    if not user:
        return False
    user = (match_key(user) or "").replace(" ", "")
    first = first.replace(" ", "") if isinstance(first, str) else ""
    last = last.replace(" ", "") if isinstance(last, str) else ""
    spellings = {first + last, last + first, first[:1] + last, last + first[:1], first, last} - {""}
    # fold the joined forms too: "pavlenko" + "oleh" is "pavlenkoleh" once doubled letters are folded
    return user in {match_key(spelling) for spelling in spellings}


def model_settings(n_records: int) -> SettingsCreator:
    """The splink model: comparisons with prior m/u, and blocking rules that keep pairs few at 100k+."""
    first, last = "first_key", "last_key"
    not_gender = cll.Not(cll.CustomLevel(_gender_forms_sql(f"{first}_l", f"{first}_r")))
    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.And(cll.NullLevel(first), cll.NullLevel(last)),
            cll.ExactMatchLevel("name_key").configure(tf_adjustment_column="name_key"),
            cll.ColumnsReversedLevel(first, last, symmetrical=True),
            # the alike levels below leave out the male and female forms of one name (Валентин / Валентина,
            # 0.97 alike): those are two people, taken by the "first names differ" level
            cll.And(not_gender, cll.JaroWinklerLevel(first, 0.92), cll.JaroWinklerLevel(last, 0.92)),
            # the surname agrees and the first name is another form of it (Олександр/Александр) or mistyped
            cll.And(
                not_gender,
                cll.ExactMatchLevel(last),
                cll.Or(cll.JaroWinklerLevel(first, 0.8), cll.LevenshteinLevel(first, 2)),
            ),
            cll.And(not_gender, cll.JaroWinklerLevel(first, 0.8), cll.JaroWinklerLevel(last, 0.8)),
            # Both first names given and unalike, and not written the other way round (each first name like
            # the other's surname, where it has one), or the male and female forms of one name: another
            # person. A husband and wife, a parent and child share a phone, a city, a surname; the levels are
            # taken as independent, so a shared phone (Bayes factor ~40,000) outweighed the name, and EM,
            # which takes a family on one phone for a match, would learn that too. The m is fixed: a phone
            # and a city then do not merge two people, while an e-mail agreeing as well still does.
            cll.CustomLevel(
                first_names_differ_sql(f"{first}_l", f"{first}_r", f"{last}_l", f"{last}_r"),
                "First names differ",
            ).configure(fix_m_probability=True),
            cll.ExactMatchLevel(last).configure(tf_adjustment_column=last),
            cll.ExactMatchLevel(first),
            cll.ElseLevel(),
        ],
    ).configure(
        m_probabilities=[0.65, 0.03, 0.12, 0.06, 0.04, FIRST_NAMES_DIFFER_M, 0.03, 0.02, 0.05],
        u_probabilities=[0.0002, 0.00002, 0.0005, 0.0005, 0.002, 0.9, 0.005, 0.03, 0.06178],
    )
    email = cl.CustomComparison(
        output_column_name="email",
        comparison_levels=[
            cll.NullLevel("email"),
            cll.ExactMatchLevel("email").configure(m_probability=0.6, u_probability=0.00002),
            cll.CustomLevel(
                "email_user_l = email_user_r AND NOT email_user_is_name_l",
                "Same distinctive local part, other domain",
            ).configure(m_probability=0.08, u_probability=0.0001),
            # A local part spelled from the name ("d.davis") says little once the names already agree:
            # namesakes pick the same one at another provider. Splink assumes comparisons are independent
            # given match status, so EM would count the name twice; its weight is fixed small instead.
            cll.CustomLevel(
                "email_user_l = email_user_r OR (levenshtein(email_user_l, email_user_r) <= 1 "
                "AND email_user_is_name_l AND email_user_is_name_r)",
                "Same or similar name-derived local part",
            ).configure(
                m_probability=0.1, u_probability=0.05, fix_m_probability=True, fix_u_probability=True
            ),
            cll.LevenshteinLevel("email_user", 1).configure(m_probability=0.05, u_probability=0.001),
            cll.ElseLevel().configure(m_probability=0.17, u_probability=0.99878),
        ],
    )
    phone = cl.CustomComparison(
        output_column_name="phone",
        comparison_levels=[
            cll.NullLevel("phone_tail"),
            cll.ExactMatchLevel("phone_tail"),
            cll.LevenshteinLevel("phone_tail", 1),
            cll.ElseLevel(),
        ],
    ).configure(m_probabilities=[0.75, 0.08, 0.17], u_probabilities=[0.00002, 0.0002, 0.99978])
    city = cl.CustomComparison(
        output_column_name="city",
        comparison_levels=[
            cll.NullLevel("city_key"),
            cll.ExactMatchLevel("city_key").configure(tf_adjustment_column="city_key"),
            cll.ElseLevel(),
        ],
    ).configure(m_probabilities=[0.9, 0.1], u_probabilities=[0.1, 0.9])
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[name, email, phone, city],
        blocking_rules_to_generate_predictions=[
            block_on("email_user"),
            block_on("phone_tail"),
            block_on("first_key", "last_key"),
            CustomRule("l.first_key = r.last_key AND l.last_key = r.first_key"),
            block_on("last_key", "substr(first_key, 1, 1)", "city_key"),
            block_on("first_key", "substr(last_key, 1, 3)"),
        ],
        # about one person in ten has a second record in a typical CRM export
        probability_two_random_records_match=min(0.5, 0.2 / max(n_records - 1, 1)),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def first_names_differ_sql(first_l: str, first_r: str, last_l: str, last_r: str) -> str:
    """SQL true when two records' first name keys are both given and name two people: unalike and not
    written the other way round (each first name like the other's surname, where it has one), or the male
    and female forms of one name. The model's "first names differ" level, and what a cluster may not join."""
    return (
        f"{first_l} IS NOT NULL AND {first_r} IS NOT NULL AND ({_gender_forms_sql(first_l, first_r)} "
        f"OR (jaro_winkler_similarity({first_l}, {first_r}) < {UNALIKE} "
        f"AND NOT (({last_l} IS NOT NULL OR {last_r} IS NOT NULL) "
        f"AND coalesce(jaro_winkler_similarity({first_l}, {last_r}), 1) >= {SWAPPED} "
        f"AND coalesce(jaro_winkler_similarity({last_l}, {first_r}), 1) >= {SWAPPED})))"
    )


def _gender_forms_sql(a: str, b: str) -> str:
    """SQL true when match keys a and b are the male and female forms of one name: they are two people
    (a husband and wife, a brother and sister on one phone), though Jaro-Winkler finds them 0.97 alike.

    A Ukrainian or Russian feminine name is the masculine one ending in -а / -я: Валентин / Валентина,
    Олександр / Олександра, Богдан / Богдана, Іван / Іванна (the doubled letter is folded), and for a name
    in -ій / -ий the -ія / -ия form (Віталій / Віталія); Євген / Євгенія and Віктор / Вікторія add -ія. In
    match keys (Latin, folded) that is the other key plus "a" or "ia", whatever the script it was written
    in. Latin pairs that do not end so are listed (GENDER_FORMS). Other spellings of one name (Олександр /
    Александр / Oleksandr, a typo, Наталія / Наталья) change no ending and still count as alike. There is
    no list of diminutives (Саша / Олександр already differ by Jaro-Winkler); a rare short form that is the
    full one less its -a (Sofi / Sofia) now counts as another name too.
    """
    listed = ", ".join(f"'{pair}'" for pair in _LISTED_GENDER_FORMS)
    return (
        f"coalesce({b} IN ({a} || 'a', {a} || 'ia') OR {a} IN ({b} || 'a', {b} || 'ia') "
        f"OR least({a}, {b}) || '|' || greatest({a}, {b}) IN ({listed}), false)"
    )


_LISTED_GENDER_FORMS = sorted(
    "|".join(sorted((match_key(male) or "", match_key(female) or ""))) for male, female in GENDER_FORMS
)


def train(linker: Linker, table: Any, n_records: int) -> tuple[bool, list[str]]:
    """Estimate λ, u and m when there is enough data; otherwise keep the priors. Returns (trained, notes)."""
    if n_records < MIN_RECORDS_TO_TRAIN:
        return False, [f"{n_records} records: too few to train, prior m/u probabilities used"]
    training = linker.training
    sure = [block_on("email"), block_on("phone_tail", "last_key")]
    found = count_comparisons_from_blocking_rules(
        table, blocking_rules=sure, link_type="dedupe_only", record_sample_proportion=1.0
    )
    max_pairs = min(5e6, n_records * (n_records - 1) / 2)
    if found[-1]["cumulative_comparison_count"] == 0:
        # a clean base, or one without contacts: splink would estimate λ = 0 (every match weight log2(0)),
        # and EM, with no duplicate to learn from, would learn namesakes as matches; u needs none
        training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=SEED)
        return False, [
            "no two records share an e-mail, or a phone and surname: prior m probabilities used, u estimated"
        ]
    notes = []
    try:
        training.estimate_probability_two_random_records_match(sure, recall=0.6)
    except (ValueError, ZeroDivisionError) as exc:
        notes.append(f"prior probability that two records match kept: {exc}")
    training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=SEED)
    for rule in (block_on("phone_tail"), block_on("first_key", "last_key")):
        try:
            training.estimate_parameters_using_expectation_maximisation(rule)
        except Exception as exc:  # splink raises plain Exceptions when a block has no pairs
            notes.append(f"EM on {rule.get_blocking_rule('duckdb').blocking_rule_sql} skipped: {exc}")
    return True, notes


@contextlib.contextmanager
def _quiet_splink() -> Iterator[None]:
    """The library never prints: splink's progress messages are silenced while it runs."""
    logger = logging.getLogger("splink")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {key: (None if pd.isna(value) else value) for key, value in record.items()}


__all__ = ["DEFAULT_THRESHOLD", "DuplicateReport", "find_duplicates", "find_duplicates_in_frame"]
