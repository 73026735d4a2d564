"""The real CLI's member and definition exports: unwritable -o paths, the format from the extension,
--members-file reading segmint's own CSV, --group of a segment, --json for members and export."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from tests.cli import ok, segmint

from .tinyshop import BIG


def test_cli_output_paths_that_cannot_be_written(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    for args in (
        ("segments", "export", "-o", "nodir/x/seg.yaml"),
        ("segments", "members", "Big", "-o", "nodir/m.csv"),
        ("segments", "members", "Big", "-o", "nodir/m.parquet"),
        ("segments", "members", "Big", "-f", "json", "-o", "nodir/m.json"),
    ):
        done = segmint("-w", ws, *args, cwd=tmp_path)
        folder = args[-1].rsplit("/", 1)[0]
        assert done.returncode == 1, done.stderr
        assert f"Error: cannot write {args[-1]}: the folder {folder} does not exist" in done.stderr
        assert "Traceback" not in done.stderr and not done.stdout
    done = segmint("-w", ws, "segments", "members", "Big", "-o", tmp_path, wide=True)
    assert done.returncode == 1 and f"Error: cannot write {tmp_path}: it is a folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]


def test_cli_members_format_from_the_extension(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    ok("-w", ws, "segments", "members", "Big", "-o", tmp_path / "f.parquet", "--columns", "customer_id,city")
    assert pq.read_table(tmp_path / "f.parquet").to_pylist() == [
        {"customer_id": "B", "city": "Львів"},
        {"customer_id": "D", "city": "Одеса"},
    ]
    ok("-w", ws, "segments", "members", "Big", "-o", tmp_path / "f.json", "--columns", "customer_id")
    assert json.loads((tmp_path / "f.json").read_text()) == [{"customer_id": "B"}, {"customer_id": "D"}]
    done = segmint("-w", ws, "segments", "members", "Big", "-f", "csv", "-o", tmp_path / "g.parquet")
    assert done.returncode == 1 and "the format asked for is csv" in done.stderr
    assert not (tmp_path / "g.parquet").exists()
    # a column named twice: once, no traceback
    done = ok("-w", ws, "segments", "members", "Big", "--columns", "customer_id,customer_id")
    assert done.stdout.splitlines() == ['"customer_id"', '"B"', '"D"']


def test_cli_members_file_reads_the_csv_segmint_writes(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    own = tmp_path / "own.csv"
    ok("-w", ws, "segments", "members", "Big", "--columns", "city,customer_id", "-o", own)
    created = json.loads(ok("-w", ws, "segments", "create", "Own", "--members-file", own, "--json").stdout)
    assert created["size"] == 2
    members = ok("-w", ws, "segments", "members", "Own", "--columns", "customer_id").stdout
    assert members.splitlines() == ['"customer_id"', '"B"', '"D"']
    plain = tmp_path / "plain.txt"
    plain.write_text("A\n\n  C\n", encoding="utf-8")
    assert (
        json.loads(ok("-w", ws, "segments", "create", "Plain", "--members-file", plain, "--json").stdout)[
            "size"
        ]
        == 2
    )
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text('\ufeffname;ID\n"Олена";"A"\nАнна;E\n', encoding="utf-8")
    done = ok("-w", ws, "segments", "create", "Semi", "--members-file", semicolons, "--json")
    assert json.loads(done.stdout)["size"] == 2
    tabs = tmp_path / "tabs.tsv"
    tabs.write_text("Name\tCustomer_ID\nОлена\tA\nАнна\t C\n", encoding="utf-8")
    done = ok("-w", ws, "segments", "create", "Tabs", "--members-file", tabs, "--json")
    assert json.loads(done.stdout)["size"] == 2
    quoted = tmp_path / "quoted.csv"  # one column, quoted, as `--columns customer_id` writes it
    quoted.write_text('"customer_id"\n"B"\n\n"E"\n', encoding="utf-8")
    done = ok("-w", ws, "segments", "create", "Quoted", "--members-file", quoted, "--json")
    assert json.loads(done.stdout)["size"] == 2
    wide = tmp_path / "wide.csv"
    wide.write_text("A,Олена\n", encoding="utf-8")
    done = segmint("-w", ws, "segments", "create", "Wide", "--members-file", wide, wide=True)
    assert done.returncode == 1 and "line 1 has 2 columns" in done.stderr


def test_cli_group_of_a_segment_and_of_a_family(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    done = segmint("-w", ws, "segments", "members", "Big", "--group", "foo", "-o", tmp_path / "m.csv")
    assert done.returncode == 1 and "'Big' is a segment, not a family: it has no group 'foo'" in done.stderr
    assert "leave the group out" in done.stderr and not (tmp_path / "m.csv").exists()
    done = segmint("-w", ws, "segments", "movements", "Big", "--from", "2024-01-01", "--group", "foo")
    assert done.returncode == 1 and "'Big' is a segment, not a family" in done.stderr
    done = segmint("-w", ws, "segments", "members", "rfm", wide=True)
    assert done.returncode == 1 and "'rfm' is a family: name one of its groups, e.g. '" in done.stderr
    assert "group=" not in done.stderr and "Traceback" not in done.stderr


def test_cli_members_and_export_take_json(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "refresh")
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    document = json.loads(
        ok("-w", ws, "segments", "members", "Big", "--columns", "customer_id,monetary", "--json").stdout
    )
    assert document["rows"] == 2 and document["columns"] == ["customer_id", "monetary"]
    assert document["members"] == [
        {"customer_id": "B", "monetary": 300},
        {"customer_id": "D", "monetary": 1000},
    ]
    out = tmp_path / "m.parquet"
    document = json.loads(ok("-w", ws, "segments", "members", "Big", "-o", out, "--json").stdout)
    assert (document["file"], document["format"], document["rows"]) == (str(out), "parquet", 2)
    assert pq.read_table(out).num_rows == 2
    # -f json writes numbers, not the text of a DECIMAL
    args = ("-w", ws, "segments", "members", "Big", "-f", "json", "--columns", "customer_id,monetary")
    body = ok(*args).stdout
    assert json.loads(body)[1] == {"customer_id": "D", "monetary": 1000}
    exported = tmp_path / "s.yaml"
    document = json.loads(ok("-w", ws, "segments", "export", "-o", exported, "--json").stdout)
    assert document == {"file": str(exported), "format": "yaml", "segments": 1}
    document = json.loads(ok("-w", ws, "segments", "export", "--json").stdout)
    assert document["segments"] == 1 and document["content"] == exported.read_text(encoding="utf-8")
