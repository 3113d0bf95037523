"""Write tests/data/hostile: the fixture content (tests/data/content) with hostile text in every field that
reaches a page, each field's text carrying its own marker (kbx<field><lang>). kb check accepts it all.

    python tests/data/make_hostile.py      # rewrites tests/data/hostile (tests/browser/test_hostile.py reads it)
"""

import shutil
from pathlib import Path

import yaml

SRC = Path(__file__).parent / "content"
DST = Path(__file__).parent / "hostile"
shutil.rmtree(DST, ignore_errors=True)
shutil.copytree(SRC, DST)

def H(m):
    """Hostile text for a field that kb check does not lint: markup of every kind, each carrying marker m."""
    return (f'{m} <img src="https://tracker.example/{m}.png" onerror="alert(\'{m}\')"><script>alert("{m}")</script>'
            f' {{ #{m} .{m} style="position:fixed;inset:0;background:url(https://tracker.example/{m}.css)" '
            f'onclick="alert(1)" data-{m}="1" }} ![{m}](https://tracker.example/{m}i.png) [{m}](javascript:alert(1))'
            f' `{m}` *{m}* &lt;b&gt; &amp; \\ " \' :smile: !!! note {{: #{m}x }}')

def S(m):
    """Hostile text short enough for a name (kb check: at most 120 characters)."""
    return f'{m}<img src=//t.example/{m}>{{ #{m} .{m} style="url(//t.example)" onclick=x }}'


def A(m):
    """Hostile text that kb check accepts in Markdown fields (question, answer, analysis)."""
    return (f"{m} text {{ #{m} .{m} data-{m}=\"1\" }}\n\n"
            f"### heading {m} {{ #{m}h .{m}h }}\n\n"
            f"- item [{m}](https://example.org/{m}) <https://example.org/{m}a> {{ .{m}li }}\n"
            f"- `<img src=https://tracker.example/{m}.png>` and &lt;img src=x onerror={m}&gt;\n\n"
            f"| {m} | b |\n|---|---|\n| [x](https://example.org/{m}t) | {{ #{m}td }} |\n\n"
            f"```html\n<img src=\"https://tracker.example/{m}c.png\">\n```\n\n"
            f"> quote {m} {{ .{m}q }}\n\n"
            f"all-reduce {m} kbxmention {{ .kbxmentioncls }}\n")

cats = yaml.safe_load((DST / "categories.yml").read_text())
for c in cats["categories"]:
    for l in ("zh", "en"):
        c[l]["name"] = c[l]["name"][:12] + " " + S(f"kbxcatname{l}")[:70] + f' {{ id="kbxcatid{l}" .kbxcatcls{l} }}'
        c[l]["description"] = c[l]["description"][:100] + " " + H(f"kbxcatdesc{l}")
tags = yaml.safe_load((DST / "tags.yml").read_text())
for t in tags["tags"]:
    for l in ("zh", "en"):
        t[l] = t[l][:20] + " " + S(f"kbxtag{l}")
glo = yaml.safe_load((DST / "glossary.yml").read_text())
for g in glo["terms"]:
    for l in ("zh", "en"):
        g[l]["definition"] = g[l]["definition"] + " " + H(f"kbxdef{l}")
        g[l]["aliases"] = [S(f"kbxalias{l}")]
glo["terms"].append({"id": "hostile-term",
                     "zh": {"term": S("kbxtermzh"), "definition": H("kbxtermdefzh")},
                     "en": {"term": S("kbxtermen"), "definition": H("kbxtermdefen")}})
# a term that answers mention (glossary links put it and its definition into the page)
glo["terms"].append({"id": "mentioned-term",
                     "zh": {"term": "kbxmention { .kbxmentioncls }", "definition": H("kbxmentiondefzh")},
                     "en": {"term": "kbxmention { .kbxmentioncls }", "definition": H("kbxmentiondefen")}})
for name, data in (("categories.yml", cats), ("tags.yml", tags), ("glossary.yml", glo)):
    (DST / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
for p in sorted((DST / "qa").glob("*.yml")):
    q = yaml.safe_load(p.read_text())
    for l in ("zh", "en"):
        if l not in q:
            continue
        m = f"kbxtitle{l}"
        q[l]["title"] = q[l]["title"][:40] + f' {m} {{ #{m} style="url(//t.example/a)" }}<i>&amp;'
        assert len(q[l]["title"]) <= 120
        q[l]["question"] = q[l]["question"] + "\n\n" + A(f"kbxquestion{l}")
        q[l]["answer"] = q[l]["answer"] + "\n" + A(f"kbxanswer{l}")
        q[l]["analysis"] = (q[l].get("analysis") or "") + "\n" + A(f"kbxanalysis{l}")
        q[l]["aliases"] = list(q[l].get("aliases") or []) + [S(f"kbxalias{l}")]
    rel = []
    for r in q.get("related") or []:
        r = {"id": r} if isinstance(r, str) else dict(r)
        r["zh"] = (r.get("zh") or "相关") + " " + H("kbxnotezh")
        r["en"] = (r.get("en") or "Related") + " " + H("kbxnoteen")
        rel.append(r)
    q["related"] = rel
    q["references"] = list(q.get("references") or []) + [{
        "title": H("kbxreftitle"), "authors": H("kbxrefauthors"), "year": 2024, "venue": H("kbxrefvenue"),
        "url": "https://example.org/kbxrefurl?a=1&b=%22onmouseover=alert(1)"}]
    p.write_text(yaml.safe_dump(q, allow_unicode=True, sort_keys=False, width=1000))
