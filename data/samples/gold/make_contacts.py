"""Generate the bundled sample export of written contacts.

Writes ``data/samples/contacts.csv`` (a Zendesk-like export), the gold labels
``gold/contacts_labels.csv`` and the planted strings ``gold/planted_pii.txt``
(must never survive redaction) and ``gold/planted_lookalikes.txt`` (look like PII
but are not, so they must survive).

Every message body is written by hand in the CORPUS blocks below. The script only
adds what is tedious to keep consistent by hand: ticket ids, timestamps (with the
planted trends), repeat contacts of one customer, valid-checksum IBANs and
Luhn-valid card numbers, front-line groups, language hints and the gold labels.
It is deterministic (fixed seed).

Corpus syntax
-------------
``### <driver>`` starts a driver section (``other`` for off-taxonomy contacts,
``reject_*`` for rows that ingest must reject). ``--- <channel> <fr|en> [opts]``
starts a message; options are ``n=First_Last`` (the requester's name),
``r=<key>`` (messages sharing a key in a section come from one customer, in that
order), ``c=none`` (sender is not a customer), ``g=s|l`` (short <= 7 days or long gap after the previous message of the
chain), ``t=late|early|spike|summer|autumn|oct`` (date window) and ``s=<subject>``, which
takes the rest of the line. In bodies, ``[[x]]`` plants PII ``x``; ``<<x>>``
plants a look-alike ``x``; ``{{CARD}}``/``{{CARDC}}``/``{{CARDD}}``,
``{{IBAN}}``/``{{IBANC}}``/``{{IBANGB}}`` and ``{{NOLUHN}}`` are replaced by fresh
generated numbers; ``{{QFR}}``/``{{QEN}}`` by a quoted-reply header a few days
before the contact; ``{{D-n}}`` by the date n days before (dd/mm/yyyy);
``{{MFR}}``/``{{MFR-1}}``/``{{MEN}}``/``{{MEN-1}}`` by the (previous) month name.

Usage: ``python data/samples/gold/make_contacts.py``
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
SEED = 20261031

START = dt.datetime(2026, 5, 1)
END = dt.datetime(2026, 10, 31, 22, 0)
WINDOWS = {
    "any": (START, END),
    # the app release of 15/09/2026 broke password-reset e-mails
    "late": (dt.datetime(2026, 9, 16), END),
    "early": (START, dt.datetime(2026, 9, 14)),
    # a fibre backbone incident, week of 12/10/2026
    "spike": (dt.datetime(2026, 10, 12, 6), dt.datetime(2026, 10, 18, 20)),
    "summer": (dt.datetime(2026, 7, 1), dt.datetime(2026, 9, 5)),
    # for messages whose text names a past month ("depuis juin", "in July")
    "autumn": (dt.datetime(2026, 9, 1), END),
    "oct": (dt.datetime(2026, 10, 6), END),
}
DEFAULT_WINDOW = {"password_reset": "early"}

CORPUS: list[str] = []

FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
FR_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# --- checksums ---------------------------------------------------------------

def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_card(rng: random.Random, prefix: str) -> str:
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(15 - len(prefix)))
    for check in range(10):
        if luhn_ok(body + str(check)):
            return body + str(check)
    raise AssertionError("unreachable")


def not_luhn_16(rng: random.Random) -> str:
    while True:
        n = "".join(str(rng.randrange(10)) for _ in range(16))
        if n[0] != "0" and not luhn_ok(n):
            return n


def iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def iban_from_bban(country: str, bban: str) -> str:
    s = bban + country + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in s)) % 97
    return f"{country}{check:02d}{bban}"


def iban_fr(rng: random.Random) -> str:
    bank = rng.choice([30006, 30004, 10278, 20041, 30003, 18206, 16958, 11315])
    branch = rng.randrange(1, 99999)
    account = rng.randrange(10**9, 10**11)
    rib_key = 97 - (89 * bank + 15 * branch + 3 * account) % 97
    return iban_from_bban("FR", f"{bank:05d}{branch:05d}{account:011d}{rib_key:02d}")


def iban_gb(rng: random.Random) -> str:
    bank = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"])
    return iban_from_bban("GB", f"{bank}{rng.randrange(100000, 999999)}{rng.randrange(10**7, 10**8)}")


def group4(s: str, sep: str = " ") -> str:
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


# --- corpus parsing ----------------------------------------------------------

HEAD = re.compile(r"^--- (email|chat|web_form|social) (fr|en)\b(.*)$")


def parse_corpus(blocks: list[str]) -> list[dict]:
    """Split the hand-written blocks into message dicts (section order kept)."""
    items: list[dict] = []
    section = None
    current = None
    for block in blocks:
        for line in block.split("\n"):
            if line.startswith("### "):
                section = line[4:].strip()
                current = None
                continue
            m = HEAD.match(line)
            if m:
                opts_text = m.group(3)
                subject = ""
                if " s=" in opts_text:
                    opts_text, subject = opts_text.split(" s=", 1)
                opts = dict(tok.split("=", 1) for tok in opts_text.split())
                current = {"section": section, "channel": m.group(1), "lang": m.group(2),
                           "subject": subject.strip(), "opts": opts, "lines": []}
                items.append(current)
                continue
            if current is None:
                if line.strip():
                    raise ValueError(f"text outside a message in section {section}: {line!r}")
                continue
            current["lines"].append(line)
    for it in items:
        it["body"] = "\n".join(it.pop("lines")).strip("\n")
    return items


# --- generation ---------------------------------------------------------------

GROUPS = {
    "billing": ["Support Facturation"] * 5 + ["Support N1"] * 3 + ["Support N2"],
    "offers": ["Support N1"] * 4 + ["Support Facturation"] * 3 + ["Ventes & Fidélisation"] * 2,
    "network": ["Support Technique"] * 5 + ["Support N1"] * 3 + ["Support N2"],
    "field_ops": ["Support Technique"] * 4 + ["Support N1"] * 3 + ["Back-office Raccordement"],
    "logistics": ["Support N1"] * 4 + ["Back-office Commandes"] * 3 + ["Support Facturation"],
    "digital": ["Support N1"] * 4 + ["Support Technique"] * 3,
    "provisioning": ["Support N1"] * 3 + ["Support Technique"] * 3 + ["Back-office Commandes"] * 2,
    "contracts": ["Support Facturation"] * 4 + ["Support N1"] * 3 + ["Ventes & Fidélisation"] * 2,
    "device_care": ["Support Technique"] * 4 + ["Support N1"] * 3,
    "security": ["Support N1"] * 3 + ["Support N2"] * 2 + ["Support Technique"],
    "": ["Support N1"] * 4 + ["Support N2"],
}

FIRST = ["julie", "thomas", "sandrine", "karim", "nathalie", "pierre", "amelie", "yannick",
         "fatima", "olivier", "celine", "mehdi", "isabelle", "laurent", "sophie", "david",
         "emma", "james", "sarah", "michael", "priya", "lucas", "ines", "hugo", "chloe"]
LAST = ["martin", "bernard", "petit", "robert", "richard", "durand", "moreau", "laurent",
        "simon", "michel", "garcia", "lefebvre", "roux", "fournier", "girard", "bonnet",
        "smith", "jones", "taylor", "brown", "patel", "nguyen", "haddad", "benali", "muller"]
DOMAINS = ["gmail.com"] * 5 + ["orange.fr"] * 3 + ["free.fr", "sfr.fr", "hotmail.fr", "yahoo.fr",
                                                   "laposte.net", "outlook.com", "icloud.com", "wanadoo.fr"]


def ascii_fold(s: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüùçÉÈÀÇ", "eeeeaaaiioouuucEEAC")
    return s.translate(table).lower().replace(" ", "").replace("'", "")


def requester_email(rng: random.Random, name: str | None) -> str:
    if name:
        first, _, last = name.replace("_", " ").partition(" ")
        first, last = ascii_fold(first), ascii_fold(last or "x")
    else:
        first, last = rng.choice(FIRST), rng.choice(LAST)
    style = rng.randrange(5)
    local = [f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{rng.randrange(10, 99)}",
             f"{last}.{first}", f"{first}_{last[0]}"][style]
    return f"{local}@{rng.choice(DOMAINS)}"


def random_time(rng: random.Random, lo: dt.datetime, hi: dt.datetime, channel: str) -> dt.datetime:
    for _ in range(100):
        day = lo + dt.timedelta(seconds=rng.randrange(int((hi - lo).total_seconds())))
        if channel == "chat":
            hour = rng.randrange(9, 21)
        else:
            hour = rng.choice([7, 8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0])
        t = day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        if lo <= t <= hi:
            return t
    return lo


class Filler:
    """Replaces the placeholders of one body and records what it planted."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pii: list[str] = []
        self.lookalikes: list[str] = []

    def fill(self, text: str, when: dt.datetime) -> str:
        rng = self.rng

        def planted(m: re.Match) -> str:
            self.pii.append(m.group(1))
            return m.group(1)

        def lookalike(m: re.Match) -> str:
            self.lookalikes.append(m.group(1))
            return m.group(1)

        def placeholder(m: re.Match) -> str:
            key = m.group(1)
            if key.startswith("CARD"):
                card = luhn_card(rng, rng.choice(["4970", "4973", "5132", "4556", "5355", "4974"]))
                assert luhn_ok(card)
                value = {"CARD": group4(card), "CARDC": card, "CARDD": group4(card, "-")}[key]
                self.pii.append(value)
                return value
            if key.startswith("IBAN"):
                iban = iban_gb(rng) if key == "IBANGB" else iban_fr(rng)
                assert iban_ok(iban)
                value = iban if key == "IBANC" else group4(iban)
                self.pii.append(value)
                return value
            if key == "NOLUHN":
                value = not_luhn_16(rng)
                self.lookalikes.append(value)
                return value
            if key in ("QFR", "QEN"):
                q = when - dt.timedelta(days=rng.randrange(1, 6), hours=rng.randrange(0, 9),
                                        minutes=rng.randrange(60))
                if key == "QFR":
                    return (f"Le {FR_DAYS[q.weekday()]} {q.day} {FR_MONTHS[q.month - 1]} {q.year} à "
                            f"{q:%H:%M}, Lumio <support@lumio.fr> a écrit :")
                return (f"On {EN_DAYS[q.weekday()]}, {EN_MONTHS[q.month - 1][:3]} {q.day}, {q.year} at "
                        f"{q:%I:%M %p}, Lumio Support <support@lumio.fr> wrote:")
            if key.startswith("D-"):
                value = (when - dt.timedelta(days=int(key[2:]))).strftime("%d/%m/%Y")
                self.lookalikes.append(value)
                return value
            if key.startswith("M"):
                back = 1 if key.endswith("-1") else 0
                month = (when.month - 1 - back) % 12
                return (FR_MONTHS if key.startswith("MFR") else EN_MONTHS)[month]
            raise ValueError(f"unknown placeholder {{{{{key}}}}}")

        text = re.sub(r"\[\[(.+?)\]\]", planted, text)
        text = re.sub(r"<<(.+?)>>", lookalike, text)
        return re.sub(r"\{\{([A-Z0-9\-]+)\}\}", placeholder, text)


def load_owners() -> dict[str, str]:
    with open(HERE / "taxonomy.csv", encoding="utf-8") as f:
        return {row["driver"]: row["owner"] for row in csv.DictReader(f)}


def build() -> None:
    rng = random.Random(SEED)
    owners = load_owners()
    items = parse_corpus(CORPUS)
    sections = {it["section"] for it in items}
    unknown = sections - set(owners) - {"other", "reject_baddate"}
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}")

    # dates and customers: chains (r=) first, then singletons
    customer_ids = [f"C-00{n:04d}" for n in rng.sample(range(1000, 9999), 800)]
    chains: dict[tuple[str, str], list[dict]] = {}
    for it in items:
        key = it["opts"].get("r")
        if key:
            chains.setdefault((it["section"], key), []).append(it)
        else:
            chains[(it["section"], f"_{id(it)}")] = [it]
    # stratify start dates within each (section, window) so that flat drivers
    # really are flat and trends come only from the t= windows
    strata: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for (section, key), members in chains.items():
        window = members[0]["opts"].get("t", DEFAULT_WINDOW.get(section, "any"))
        strata.setdefault((section, window), []).append((section, key))
    slot: dict[tuple[str, str], tuple[int, int]] = {}
    for keys in strata.values():
        rng.shuffle(keys)
        for i, k in enumerate(keys):
            slot[k] = (i, len(keys))
    for (section, key), members in chains.items():
        window = members[0]["opts"].get("t", DEFAULT_WINDOW.get(section, "any"))
        lo, hi = WINDOWS[window]
        gaps = []
        for m in members[1:]:
            g = m["opts"].get("g", "s")
            gaps.append(dt.timedelta(hours=rng.randrange(6, 7 * 24)) if g == "s"
                        else dt.timedelta(days=rng.randrange(14, 46), hours=rng.randrange(24)))
        span = sum(gaps, dt.timedelta())
        hi = max(lo + dt.timedelta(hours=1), min(hi, END - span))
        i, n = slot[(section, key)]
        width = (hi - lo) / n
        t0 = random_time(rng, lo + i * width, lo + (i + 1) * width, members[0]["channel"])
        times = [t0]
        for gap in gaps:
            times.append(times[-1] + gap)
        name = next((m["opts"]["n"] for m in members if "n" in m["opts"]), None)
        is_chain = not key.startswith("_")
        cid = customer_ids.pop()
        email = requester_email(rng, name)
        for m, t in zip(members, times):
            m["when"] = t
            m["chain"] = is_chain
            anonymous = (not is_chain and m["channel"] in ("chat", "social") and rng.random() < 0.2)
            unknown_sender = m["opts"].get("c") == "none"
            m["customer_id"] = "" if anonymous or unknown_sender or (not is_chain and rng.random() < 0.03) else cid
            if m["channel"] == "social":
                m["email"] = ""
            elif m["channel"] == "chat" and rng.random() < 0.4:
                m["email"] = ""
            else:
                m["email"] = email
    # a few customers who write about two different problems (not repeats)
    singles = [it for it in items if not it["chain"] and it["customer_id"] and "n" not in it["opts"]
               and it["section"] in owners]
    rng.shuffle(singles)
    paired = 0
    for a in singles:
        for b in singles:
            if (paired < 6 and a is not b and a["section"] != b["section"] and a["lang"] == b["lang"]
                    and not a.get("paired") and not b.get("paired")):
                b["customer_id"], b["email"] = a["customer_id"], a["email"] or b["email"]
                a["paired"] = b["paired"] = True
                paired += 1

    filler = Filler(rng)
    rows = []
    for it in items:
        owner = owners.get(it["section"], "")
        channel = it["channel"]
        if channel == "chat" and rng.random() < 0.65:
            group = "Service Client Chat"
        elif channel == "social" and rng.random() < 0.8:
            group = "Community Management"
        elif rng.random() < 0.03:
            group = ""
        else:
            group = rng.choice(GROUPS[owner])
        subject = it["subject"]
        if channel == "chat" and not subject and rng.random() < 0.2:
            # what Zendesk puts on a chat transcript when the visitor gives no subject
            subject = rng.choice([f"Conversation with Visitor {rng.randrange(10000, 99999)}",
                                  "Chat", "Nouvelle conversation", "Conversation avec un visiteur"])
        hint = ""
        if rng.random() < 0.2:
            right = it["lang"]
            wrong = "en" if right == "fr" else "fr"
            hint = rng.choice([right, right, f"{right}-{right.upper()}" if right == "fr" else "en-GB", right])
            if rng.random() < 0.12:
                hint = wrong
        rows.append({
            "ticket_id": None,
            "created_at": it["when"],
            "channel": channel,
            "subject": filler.fill(subject, it["when"]),
            "description": filler.fill(it["body"], it["when"]),
            "requester_email": it["email"],
            "customer_id": it["customer_id"],
            "assigned_group": group,
            "language_hint": hint,
            "_driver": "reject" if it["section"] == "reject_baddate" else it["section"],
            "_owner": owner,
            "_section": it["section"],
        })

    # two empty rows to reject
    for channel in ("web_form", "email"):
        t = random_time(rng, START, END, channel)
        rows.append({"ticket_id": None, "created_at": t, "channel": channel, "subject": "",
                     "description": "", "requester_email": requester_email(rng, None),
                     "customer_id": customer_ids.pop(), "assigned_group": "Support N1",
                     "language_hint": "", "_driver": "reject", "_owner": "", "_section": "reject"})

    rows.sort(key=lambda r: r["created_at"])
    next_id = 104_020
    for r in rows:
        next_id += rng.randrange(3, 41)
        r["ticket_id"] = f"ZD-{next_id}"
        if r["_section"] == "reject_baddate":
            r["created_at"] = "32/13/2026"
        else:
            r["created_at"] = r["created_at"].strftime("%Y-%m-%dT%H:%M:%SZ")

    # the export overlaps two pages: one ticket appears twice
    dup_src = next(i for i, r in enumerate(rows) if i > 150 and r["_section"] not in ("other", "reject", "reject_baddate")
                   and r["channel"] == "email")
    dup = dict(rows[dup_src], _driver="reject", _owner="", _section="reject")
    rows.insert(dup_src + 3, dup)

    columns = ["ticket_id", "created_at", "channel", "subject", "description", "requester_email",
               "customer_id", "assigned_group", "language_hint"]
    with open(SAMPLES / "contacts.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([r[c] for c in columns])
    # one label row per CSV row, in CSV order: the duplicated ticket_id has two
    # label rows (its driver, then `reject` for the second occurrence)
    with open(HERE / "contacts_labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "driver", "owner"])
        for r in rows:
            w.writerow([r["ticket_id"], r["_driver"], r["_owner"] if r["_driver"] not in ("other", "reject") else ""])
    (HERE / "planted_pii.txt").write_text("\n".join(dict.fromkeys(filler.pii)) + "\n", encoding="utf-8")
    (HERE / "planted_lookalikes.txt").write_text("\n".join(dict.fromkeys(filler.lookalikes)) + "\n",
                                                 encoding="utf-8")
    print(f"wrote {len(rows)} rows, {len(set(filler.pii))} planted PII strings, "
          f"{len(set(filler.lookalikes))} look-alikes")


# --- the hand-written messages -------------------------------------------------

CORPUS.append(r"""
### unexpected_charge
--- email fr n=Jean_Dupont r=a s=Facture anormalement élevée
Bonjour,

Je viens de recevoir ma facture de {{MFR}} et je ne comprends pas du tout le montant : 87,40 € alors que mon forfait Fibre + mobile est à <<44,99 €>> par mois depuis deux ans. Il y a une ligne "Services à valeur ajoutée" de 29 € que je n'ai jamais demandée. Je n'ai souscrit à aucun service, je ne sais même pas ce que c'est.

Merci de m'expliquer et de me rembourser.

Cordialement,
Jean Dupont
[[06 12 48 73 90]]
--- email fr n=Jean_Dupont r=a g=s s=RE: Facture anormalement élevée
Bonjour,

Je relance car je n'ai eu aucune réponse à mon mail de la semaine dernière. Toujours cette ligne de 29 € "Services à valeur ajoutée" sur la facture. Vous pouvez me rappeler au [[06 12 48 73 90]] entre 12h et 14h.

Jean Dupont

{{QFR}}
> Bonjour Monsieur Dupont,
> Nous avons bien reçu votre demande et reviendrons vers vous sous 48h.
> Cordialement, Mélanie - Service Client Lumio
--- email fr n=Jean_Dupont r=a g=l s=Encore !!!
Et rebelote, la facture de ce mois-ci a ENCORE les 29 € de services à valeur ajoutée. On m'avait dit au téléphone que c'était bloqué et remboursé. Rien n'a été remboursé et c'est reparti. Je commence à perdre patience, c'est la troisième fois que je vous écris pour la même chose.
Jean Dupont
--- chat fr
bonjour ma facture est trop elevee ce mois ci, 112€ au lieu de 35 normalement
--- chat fr
Bonsoir, pourquoi j'ai des frais de "hors forfait" sur ma facture alors que j'ai un forfait illimité ??
--- web_form fr s=Contestation facture
Motif: Facturation
Message: Bonjour, sur la facture n° FA-2026-0381772 il y a deux fois l'abonnement box facturé (2 x 39,99). Je n'ai qu'une seule box ! Merci de corriger.
Mme Leblanc Martine
--- email en n=Oliver_Grant r=b s=Unexpected charges on my bill
Hi,

I just got my {{MEN}} invoice and it's £... sorry, €63.20, when my plan is €24.99. There's something called "Premium SMS" for €38 that I never signed up for. I don't even know what premium SMS are. Could you remove it and refund me please?

Thanks,
Oliver Grant
[[+44 7700 900481]]
--- email en n=Oliver_Grant r=b g=s s=Re: Unexpected charges on my bill
Hello again, any update on this? Still nothing on my account and the amount is going to be taken on the 5th. Please stop the direct debit for the premium SMS part at least.

Oliver

{{QEN}}
> Dear customer, thank you for contacting Lumio. Your request has been forwarded to the relevant team.
--- social fr
@Lumio_Care vous m'avez facturé 2 fois le même mois, 79,98€ prélevés au lieu de 39,99. Merci de me répondre en MP
--- chat en
hi, why is my bill higher this month? nothing changed on my side
--- email fr s=facture
bonjour

ma facture est pas normal, il y a des appels vers l'etranger que j'ai pas fait (Maroc, 14 appels ??). je suis sure que c'est une erreur car je n'appelle personne au Maroc. merci de regarder

envoyé de mon iPhone
--- email fr n=Catherine_Morel r=c s=Montant facture incompréhensible
<p>Bonjour,</p><p>Depuis le passage à la nouvelle offre, ma facture a augmenté de 12&nbsp;€ sans explication. Sur le détail je vois une ligne «&nbsp;Option sécurité+&nbsp;» à 4,99&nbsp;€ et une autre «&nbsp;Frais de service&nbsp;» à 7&nbsp;€.</p><p>Je n'ai jamais demandé l'option sécurité. Merci de bien vouloir la retirer et de rembourser les mois facturés.</p><p>Bien à vous,<br>Catherine Morel<br>Tél : [[01 45 67 21 09]]</p>
--- email fr n=Catherine_Morel r=c g=l s=Re: Montant facture incompréhensible
<p>Bonjour,</p><p>Un mois après ma première réclamation, l'option Sécurité+ est toujours facturée. Votre conseiller m'avait assuré qu'elle serait retirée. Je vous joins la facture.&nbsp;</p><p>Catherine Morel</p><div>{{QFR}}<br>&gt; Madame, nous avons procédé à la résiliation de l'option.&nbsp;</div>
--- web_form en s=Billing question
Reason: Technical problem
Message: Not technical actually, the form didn't have the right category. My invoice shows a charge of 19.90 "equipment fee" but I already own the router, I bought it with my subscription. Please explain.
--- chat fr
Bonjour
Bonjour, j'ai une question sur ma facture
Il y a un montant de 150 € de "frais de mise en service" alors que le vendeur m'avait dit que c'était offert
--- email fr n=Robert_Lemaire r=d s=Facture
Bonjour, 
sur ma facture de {{MFR}} il y a 3 lignes "Achat contenu" pour un total de 45 euros. C'est mon petit fils qui a du faire ça sur la tablette ? Je ne sais pas comment ça marche. Est-ce que vous pouvez bloquer ces achats et me rembourser. 
Robert Lemaire
--- email fr n=Robert_Lemaire r=d g=s s=Facture
Bonjour c'est encore moi, j'ai oublié de vous dire mon numéro client c'est sur la facture mais je ne le trouve pas. Mon numéro de téléphone est le [[03 88 41 27 65]].
Robert Lemaire
--- chat fr n=Robert_Lemaire r=d g=s
bonjour je vous ai envoyé deux mails pour les achats de contenu sur ma facture et personne ne répond. ma fille me dit de passer par le chat
--- email fr n=Robert_Lemaire r=d g=l s=Achats contenus
Bonjour,
Encore 2 achats de contenu sur la nouvelle facture, 30 euros. Vous deviez bloquer. J'en ai assez, je vais aller voir l'UFC Que Choisir.
R. Lemaire
--- email en s=Double charge
Hello, I have been charged twice for the month of {{MEN-1}}. Both payments are on my bank statement, 2 x €29.99 on the same day. Can you refund one of them? Regards, Hannah
--- social en
@LumioFR why does my bill have a "paper invoice fee" when I opted for e-billing ages ago?? 2€ a month adds up
--- email fr s=hors forfait data ???
Bonjour,

J'ai 67 € de hors forfait data sur ma facture. Je ne comprends pas, mon forfait c'est 100 Go et l'application m'indique 23 Go consommés. Il y a un souci de compteur chez vous non ?

Par ailleurs, le débit 4G chez moi est vraiment mauvais depuis quelques semaines, mais bon c'est pas le sujet.

Merci
Antoine
--- chat fr
facture 98 euros ???? normalement c 40
--- web_form fr s=Réclamation
Catégorie : Ma facture
Message : Bonjour je constate que vous avez augmenté le prix de mon abonnement de 3 euros sans me prévenir. Je n'ai reçu aucun courrier ni mail. C'est légal ça ? Je veux revenir à l'ancien prix.
--- email en n=Meera_Iyer s=Query about bill
Dear Sir/Madam,

I am writing regarding invoice number FA-2026-0402219. Upon reviewing it, I noticed an item labelled "Pro-rata adjustment" for €41.60. I joined Lumio on the first day of the month, so I do not understand why there would be any pro-rata charge at all.

In addition, the invoice was sent to my old address.

I would be grateful if you could look into this and issue a corrected invoice.

Kind regards,
Meera Iyer
Flat 3, 12 rue des Lilas, 69003 Lyon
Mob: [[+33 7 81 22 45 16]]
--- chat en
Hi there. I am looking at my account and there is a charge called "TV Pack Cinéma" 9.99 — I don't have TV with you guys, only mobile?
--- email fr s=Re: Votre facture Lumio est disponible
ca va pas du tout, 3 mois que je paye 10€ de plus pour une option "Cloud 100 Go" que j'ai pas demandée. Remboursez moi les 30 €.

{{QFR}}
> Votre facture du mois est disponible dans votre espace client.
> Montant : 54,98 €
> Ceci est un message automatique, merci de ne pas y répondre.
--- email fr t=autumn s=Demande d'explication
Madame, Monsieur,

Cliente chez vous depuis 2014, je n'avais jamais eu de problème jusqu'à présent. Mon mari et moi avons chacun un forfait mobile et nous avons la box fibre. En regardant les relevés du compte joint, mon mari a remarqué que les prélèvements ont nettement augmenté depuis juin : nous sommes passés d'environ 70 € à plus de 95 € par mois. J'ai d'abord pensé à une hausse de tarif annoncée, mais je n'ai rien reçu. En téléchargeant les factures, je vois une ligne "Multi-TV" à 9,99 € (nous n'avons qu'une télévision) et une ligne "Assurance mobile" à 14,99 € que nous n'avons jamais souscrite, je suppose qu'elle a été ajoutée lors du changement de téléphone de mon mari en boutique.

Je vous demande donc de supprimer ces deux options et de nous rembourser les sommes prélevées à tort depuis juin.

Dans l'attente de votre retour,
Sylvie Garnier
[[sylvie.garnier54@orange.fr]]
--- chat en
charged 15 euros for calling a number I never called. wtf
--- social fr
Franchement @Lumio vous abusez, 20 balles de plus sur ma facture sans prévenir. Je vais chez la concurrence
--- web_form en s=Invoice
Reason: Billing
Message: Hi I was charged a "late payment fee" of €10 but I paid on time, the direct debit was taken on the due date. Please remove.
--- chat fr
slt, jai recu ma facture et y a un truc "frais de dossier 49€" ça correspond a quoi ?
--- email fr s=facture de {{MFR}}
Bonjour,
Pouvez vous m'expliquer la facture de {{MFR}} svp ? Il y a 31,50 € de communications vers des numéros spéciaux (08xx). Je n'appelle jamais ces numéros. J'ai peut être été victime d'une arnaque ? 
Merci.
Laurent B.
[[07 61 03 88 24]]
--- email en s=Bill higher than expected
Hey team,
Bill this month came to €71 instead of the usual €45. Looking at the breakdown I can see "International calls - Zone 2" but I only called my mum in Portugal which should be included in the EU bundle, right?? Can someone check.
Cheers,
Tom
Sent from my iPhone
--- chat fr
Bonjour, une question sur mon montant. Le vendeur m'avait dit 19,99 mais je paye 24,99 + 5 de location decodeur ??
--- email fr s=erreur
Bjr erreur sur ma facture on me facture une deuxième ligne mobile que je ne possède pas (numéro qui finit par 42). merci de supprimer
""")

CORPUS.append(r"""
### internet_outage
--- chat fr t=spike
bonjour plus d'internet depuis ce matin 7h, la box clignote rouge
--- chat fr t=spike
Bonjour, coupure totale internet + télé depuis hier soir. Tout le quartier est touché apparemment (Villeurbanne)
--- social fr t=spike
@Lumio_Care encore une panne ?? Plus de fibre depuis 6h du mat à Lyon 3e, je télétravaille moi !!! #panne #lumio
--- social fr t=spike
Aucun internet depuis 24h. Aucune info sur votre site. C'est quoi le délai de rétablissement ? @Lumio
--- email fr t=spike n=Valerie_Chabert r=a s=Coupure internet
Bonjour,

Depuis ce matin nous n'avons plus du tout de connexion internet ni de télévision. La box affiche "Pas de synchronisation" et le voyant fibre est rouge. J'ai débranché et rebranché, redémarré plusieurs fois, rien à faire.

Mon fils a un examen en ligne demain, c'est urgent.

Valérie Chabert
[[06 33 71 09 52]]
--- email fr t=spike n=Valerie_Chabert r=a g=s s=RE: Coupure internet - toujours rien
Bonjour,
3 jours sans internet maintenant. Vous m'avez répondu qu'il s'agit d'un incident collectif en cours de résolution mais aucune date. Est-ce que les jours de coupure seront déduits de la facture ? Nous payons pour un service que nous n'avons pas.
Valérie Chabert

{{QFR}}
> Bonjour Madame Chabert,
> Un incident est actuellement en cours sur votre secteur. Nos équipes techniques sont mobilisées pour rétablir le service dans les meilleurs délais.
> Bien cordialement,
> Kevin, Service Client Lumio
--- chat en t=spike
Hi, my internet is completely down since this morning. Router shows a red light on the fibre LED. I already restarted it twice
--- chat en t=spike
is there an outage in Lyon? no internet no tv
--- web_form fr t=spike s=Panne
Motif: Problème technique
Message: Plus d'internet ni de téléphone fixe depuis lundi. Box redémarrée, câbles vérifiés. Les voisins chez Lumio aussi. Merci de nous tenir informés.
--- email en t=spike n=Daniel_Weiss r=b s=Total internet outage
Hello,

Our fibre connection has been down since Monday morning. No internet, no landline. The router's "Fibre" LED is off and the "Internet" LED is blinking red. We have checked the cables and rebooted several times.

I work from home and this is costing me a lot. Please send a technician or tell me when it will be fixed.

Daniel Weiss
[[+49 151 23456789]]
--- email en t=spike n=Daniel_Weiss r=b g=s s=Re: Total internet outage
Day 4 without internet. Your status page says "incident resolved" but we still have nothing. I'm using my phone as a hotspot which is eating all my data. Unacceptable.
D. Weiss
--- chat fr t=spike
Bonsoir, toujours pas de connexion, vous avez une idée de quand ça revient ?
--- social en t=spike
@LumioFR third day with no internet, no ETA, no compensation. Great service 👎
--- chat fr t=spike
panne internet depuis 2 jours à Vénissieux. on fait comment ??
--- email fr t=spike s=Plus de connexion
Bonjour,
Je vous écris depuis mon téléphone car je n'ai plus de box internet depuis mardi. J'ai appelé le 3900 mais 45 minutes d'attente. Pouvez-vous me dire si c'est une panne générale ?
Merci
Hakim
[[07 58 12 64 33]]
--- web_form en t=spike s=No internet
Reason: Technical problem
Message: no internet since yesterday 8pm. light is red. rebooted. neighbour also has no internet (also with Lumio).
--- chat fr t=spike
Coucou, ya une panne ? jai plus rien, ni wifi ni tv
--- email fr n=Gerard_Poulain r=c s=coupure
Bonjour, 

je n'ai plus internet depuis samedi. la box est allumée mais tous les voyants sont orange. j'ai 78 ans et je ne sais pas faire grand chose, ma voisine m'a aidé à écrire ce message de chez elle. Pourriez vous faire quelque chose s'il vous plaît. 

Gérard Poulain
[[04 78 52 36 91]]
--- email fr n=Gerard_Poulain r=c g=s s=coupure toujours
bonjour c'est encore Monsieur Poulain, toujours pas internet ni la télévision. personne ne m'a rappelé. merci
--- email fr n=Gerard_Poulain r=c g=s s=coupure
Bonjour, je réécris car ça fait maintenant plus d'une semaine. Le technicien au téléphone m'a dit que c'était "un problème sur le réseau" et que ça allait revenir tout seul. Rien n'est revenu. Je paye pour rien. G. Poulain
--- chat en
Hello. My broadband has been dead since last night — the ONT box has a red LOS light. Is there a known issue in my area? Postcode 33000.
--- chat fr
Bonjour je n'ai plus d'internet depuis l'orage d'hier soir. Les voyants de la box sont éteints, elle ne s'allume plus du tout
--- email fr s=Urgent - plus de ligne
Bonjour,

Nous sommes un cabinet infirmier et nous n'avons plus ni internet ni téléphone fixe depuis ce matin 9h. Nos patients ne peuvent plus nous joindre. Merci de traiter en urgence !!

Cabinet infirmier Les Tilleuls
[[03 20 55 14 87]]
--- social fr
@Lumio la télé ne marche plus depuis hier, écran noir "pas de signal" sur toutes les chaînes. Internet ok par contre
--- email en n=Ruth_Okafor r=d s=Outage
Hi Lumio,

No internet since Thursday. Router restarted many times. I called and was told there are works in the street (roadworks cut a cable?). Can you confirm and give me an estimate for the repair?

Ruth Okafor
--- email en n=Ruth_Okafor r=d g=l s=Outage again
Hi again, 

It's happening again! Same as last month — the connection dropped completely on Sunday and it's still off. Last time it took 5 days. I really need a permanent fix, this is the second total outage in 6 weeks.

Ruth

{{QEN}}
> Hello Ruth, the incident in your area has been resolved. Please restart your router. Kind regards, Lumio Support
--- web_form fr s=Coupure
Motif: Ma ligne fixe
Message: Coupure internet depuis le 3 du mois. Cela fait 5 jours. J'ai fait tous les tests demandés par le robot, sans résultat.
--- chat fr
Bonjour,
Bonjour, je vous contacte car depuis dimanche soir nous n'avons plus aucun accès internet. Le voyant "fibre" de la box est rouge fixe. Est-ce qu'il y a une intervention en cours sur le secteur ? Merci
--- email fr s=Internet coupé
Bonjour,

Je vous informe que depuis le passage de l'entreprise de travaux dans ma rue lundi (ils ont creusé juste devant le poteau) je n'ai plus internet. Je pense qu'ils ont arraché le câble. Pouvez vous faire le nécessaire.

Cordialement,

Mathieu Ferrand
[[mathieu.ferrand@free.fr]] / [[06.21.47.98.03]]
--- chat en
no internet. again.
--- email fr s=ADSL en panne
bonjour, mon adsl ne fonctionne plus du tout depuis une semaine, plus de tonalité sur le téléphone non plus. nous sommes en zone rurale, pas de fibre. merci de faire quelque chose, on est coupé du monde ici.
--- web_form en s=Service down
Reason: Other
Message: TV and internet both down since 2 days. Tried everything in the troubleshooting guide. Please advise. Customer ref on my invoice: C-004519
--- chat fr
Bonjour j'ai plus de connexion depuis 3 jours et le service client au tel me raccroche au nez
""")

CORPUS.append(r"""
### password_reset
--- chat fr t=late
bonjour je ne reçois pas le mail pour réinitialiser mon mot de passe
--- chat fr t=late
Bonjour, j'ai cliqué 5 fois sur "mot de passe oublié" et rien ne m'arrive, ni mail ni SMS. J'ai vérifié les spams.
--- email fr t=late n=Bernadette_Roche r=a s=Impossible de me connecter
Bonjour,

Depuis la mise à jour de l'application Lumio la semaine dernière, on m'a demandé de me reconnecter. J'ai oublié mon mot de passe donc j'ai fait "mot de passe oublié" mais le mail de réinitialisation n'arrive jamais. Je ne peux plus voir mes factures ni ma consommation.

Mon adresse mail est bien [[b.roche@laposte.net]], c'est celle que j'utilise depuis toujours.

Merci de votre aide,
Bernadette Roche
--- email fr t=late n=Bernadette_Roche r=a g=s s=Re: Impossible de me connecter
Bonjour,
Vous m'avez répondu d'essayer à nouveau : j'ai essayé 3 fois hier et 2 fois ce matin, toujours aucun mail. Ni dans les spams ni ailleurs. Pouvez-vous me réinitialiser le mot de passe vous-mêmes ?
B. Roche

{{QFR}}
> Bonjour Madame,
> Nous vous invitons à renouveler votre demande via la rubrique Mot de passe oublié et à vérifier vos courriers indésirables.
> Cordialement, Julien - Lumio
--- chat en t=late
Hi, password reset link never arrives. Been waiting an hour
--- social fr t=late
@Lumio_Care votre nouvelle appli m'a déconnecté et impossible de recevoir le code de réinitialisation par SMS. Je suis bloquée, je peux même plus payer ma facture en ligne
--- chat fr t=late
slt jarrive plus a me connecter a mon compte, le sms de code marche pas
--- web_form en t=late n=Aisha_Bello r=b s=Locked out
Reason: My account
Message: Since the app update I've been logged out and the "forgot password" email never comes. I've tried with my email [[aisha.bello@outlook.com]] and with my phone number. Nothing. Locked out for 4 days now.
--- email en t=late n=Aisha_Bello r=b g=s s=STILL locked out
Hello,
Following up on my web form from earlier this week. Still no reset email, still locked out. The app now says "too many attempts, try again in 24h". This is ridiculous, I just want to download my invoice for my employer.
Aisha Bello
[[+33 6 44 19 28 70]]
--- email en t=late n=Aisha_Bello r=b g=l s=Account access - third time
Hi,

Third time I'm writing. Someone on the chat reset my password manually two weeks ago, it worked for one day and then the app logged me out again and the reset email still doesn't arrive. Please fix your system, not just my account.

Aisha
--- chat fr t=late
Bonjour,
Bonjour Vanessa
mon compte est bloqué apres 3 essais de mot de passe et le mail pour debloquer arrive pas
--- email fr t=late s=mot de passe
Bonjour, après la mise à jour de l'appli (version 5.2) impossible de me connecter. Message "identifiant ou mot de passe incorrect" alors que c'est le bon. Je fais "mot de passe oublié", je reçois rien. Merci.
Envoyé depuis mon Galaxy S23
--- chat en t=late
hello, I never receive the SMS code to reset my password. my number is [[06 87 23 14 59]]
--- web_form fr t=late s=Problème de connexion
Motif : Facturation
Message : Je voulais consulter ma facture mais je ne peux plus me connecter à l'espace client. Le lien de réinitialisation du mot de passe reçu par mail renvoie vers une page d'erreur "lien expiré" alors que je clique dessus immédiatement.
--- email fr t=late n=Francois_Vidal r=c s=Lien de réinitialisation expiré
<p>Bonjour,</p>
<p>Quand je demande un nouveau mot de passe, je reçois bien le mail mais le lien indique systématiquement «&nbsp;Ce lien a expiré&nbsp;». J'ai essayé sur ordinateur et sur téléphone.</p>
<p>Cordialement,<br>François Vidal<br>[[06 70 39 84 12]]</p>
--- email fr t=late n=Francois_Vidal r=c g=s s=Re: Lien de réinitialisation expiré
<p>Bonjour,</p><p>Toujours le même problème, le lien expire immédiatement. Cela fait 6 jours que je n'ai plus accès à mon compte.</p><p>F. Vidal</p>
--- chat en t=late
Hi! Since your app update I can't log in. Reset password → "an error occurred, please try again later". Every time.
--- social en t=late
@LumioFR your password reset is broken. Emails never arrive. Half of twitter is complaining, fix it pls
--- chat fr t=late
bjr, mdp oublié, je recois pas le code par sms. mon num c'est le [[07 68 45 02 91]]
--- email fr t=oct s=Accès espace client
Madame, Monsieur,

Je souhaite vous signaler que, depuis le 15 septembre environ, il m'est impossible d'accéder à mon espace client. J'ai tenté de réinitialiser mon mot de passe à de nombreuses reprises. Dans un premier temps, aucun courriel ne m'est parvenu ; puis, après avoir contacté votre service par téléphone, on m'a indiqué que le problème était connu et lié à la nouvelle version de l'application. On m'a conseillé de patienter.

Trois semaines plus tard, la situation est inchangée. Je ne peux ni consulter mes factures, ni modifier mes coordonnées bancaires, alors que je dois justement le faire avant le prochain prélèvement puisque j'ai changé de banque.

Je vous serais reconnaissant de bien vouloir me communiquer une solution rapidement.

Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

Philippe Aubert
[[philippe.aubert@wanadoo.fr]]
--- web_form en t=late s=Password
Reason: My account
Message: reset password email not received, checked spam
--- chat fr t=late
Bonjour, je n'arrive pas à changer mon mot de passe, le code de vérification à 6 chiffres n'arrive jamais
--- email en t=late n=Kevin_Osei r=d s=Can't log in
Hi,
I'm locked out of my Lumio account. Requested a password reset 10+ times over two days, no email. My account email is [[k.osei@gmail.com]].
Thanks, Kevin
--- chat en t=late n=Kevin_Osei r=d g=s
Hi, I emailed two days ago about my password reset not arriving, no reply. Can you reset it here?
--- chat fr t=late
Bonsoir le mail "réinitialisez votre mot de passe" n'arrive pas, ça fait 2 jours
--- chat fr
Bonjour, j'ai oublié mon mot de passe et le mail de réinitialisation n'arrive pas. Merci
--- email fr s=mot de passe oublié
bonjour, je ne me souviens plus de mon mot de passe et j'ai changé de numéro de portable donc je ne peux pas recevoir le code par SMS. comment faire ? merci
Sandrine
--- web_form en s=Reset
Reason: My account
Message: I changed my email address and now I cannot reset my password because the reset goes to my old work email which I don't have access to anymore. Please update it to [[marc.dubois.perso@gmail.com]]
--- chat en
hi i forgot my password and the reset email isn't coming through
--- email fr s=compte bloqué
Bonjour,
Mon compte est bloqué suite à trop de tentatives. Le mail de déblocage n'est jamais arrivé. J'ai besoin d'accéder à mes factures pour la CAF.
Cordialement
Nadia Benhamou
[[06 15 82 47 30]]
--- social fr
@Lumio_Care mot de passe oublié → aucun mail reçu depuis hier soir. une solution ?
--- chat fr
Bonjour, le code SMS pour me connecter arrive après 20 minutes, quand il est déjà expiré
""")

CORPUS.append(r"""
### slow_internet
--- email fr n=Stephane_Colin r=a s=Débit très faible
Bonjour,

J'ai souscrit l'offre Fibre 1 Gb/s mais les tests de débit (speedtest, nperf) donnent entre 30 et 80 Mb/s en filaire, le soir c'est pire, parfois 5 Mb/s. J'ai essayé avec un autre câble ethernet et un autre ordinateur, c'est pareil.

Pouvez-vous vérifier la ligne ?

Stéphane Colin
[[06 02 91 37 64]]
--- email fr n=Stephane_Colin r=a g=l s=Re: Débit très faible
Bonjour,
Aucune amélioration depuis mon premier message il y a un mois. 40 Mb/s hier soir sur une fibre à 1 Gb/s. On m'a dit au téléphone de redémarrer la box, ce que je fais tous les jours. Je veux une vraie analyse de la ligne ou une baisse du prix.
S. Colin
--- email fr n=Stephane_Colin r=a g=s s=Réclamation débit
Suite à mes deux précédents messages restés sans réponse concrète, je dépose une réclamation formelle concernant le débit de ma ligne fibre. Si rien n'est fait sous 15 jours je saisirai le médiateur des communications électroniques.
Stéphane Colin
--- chat fr
Bonjour internet hyper lent depuis quelques jours, impossible de regarder netflix ça charge tout le temps
--- chat en
Hi, my wifi keeps dropping every 10-15 minutes. It reconnects by itself but it's killing my video calls.
--- social fr
@Lumio_Care la fibre "jusqu'à 2 Gb/s" qui fait 12 Mb/s le soir... 🙃
--- web_form fr s=Lenteur
Motif: Problème technique
Message: Connexion très lente et coupures de quelques secondes plusieurs fois par heure. Surtout en soirée. Ligne ADSL à Saint-Flour.
--- email en n=Lisa_Hartmann r=b s=Very slow internet + disconnections
Hi,

Since about two weeks our internet has become extremely slow. Pages take ages to load and speed tests show 3-4 Mbps down (we pay for 500). Also the connection drops several times a day for a minute or two.

We've rebooted the router, moved it, tried cable instead of wifi. No change.

Could you please check the line? We're both working from home.

Thanks,
Lisa Hartmann
[[+33 6 59 03 27 48]]
--- chat en n=Lisa_Hartmann r=b g=s
Hello, I wrote by email a few days ago about slow internet, 3 Mbps. Nothing changed and no answer yet
--- chat fr
ma connexion saute tout le temps, obligé de redémarrer la box 3-4 fois par jour
--- email fr s=internet lent
Bonjour, le débit est catastrophique depuis le changement de box (on m'a envoyé la nouvelle Lumio Box 7). Avec l'ancienne ça allait. Faut il que je remette l'ancienne ? 
Cordialement
Mme Perrin
--- chat fr
Bonjour,
jai un probleme de debit
10 mega au lieu de 300
--- email en s=Slow speeds in the evening
Hello, every evening between 7pm and 11pm my download speed drops to under 10 Mbps. During the day it's fine (~400). Sounds like congestion on your side. Is there anything planned to fix this? I'm paying for 500 Mbps and getting a fraction of it when I actually use it. Regards, Ben
--- web_form fr n=Marie-Claire_Fabre r=c s=Micro coupures
Motif: Ma ligne fixe
Message: Bonjour, nous avons des micro-coupures internet répétées (la box perd la synchro puis revient après 1 min). Cela arrive 10 à 20 fois par jour. Ligne au nom de Marie-Claire Fabre. Tél : [[05 56 38 14 72]]
--- web_form fr n=Marie-Claire_Fabre r=c g=l s=Micro coupures (suite)
Motif: Réclamation
Message: Relance : les micro-coupures continuent. Un technicien est passé il y a trois semaines, il a changé la prise optique, ça a tenu 4 jours. Merci de reprendre le dossier.
--- chat fr
wifi trés lent dans les chambres, la box est au salon. vous avez des répéteurs ?
--- email fr t=autumn s=Débit
Bonjour,

Je me permets de vous écrire au sujet de mon abonnement. Je suis client depuis trois ans et jusqu'ici j'étais plutôt satisfait. Nous avons eu quelques soucis de facture au début mais ça s'était réglé. Depuis l'été, en revanche, la connexion est devenue vraiment instable : les jeux en ligne de mon fils décrochent, les appels visio de ma femme coupent, et le débit descendant mesuré tourne autour de 15 Mb/s alors que l'offre annonce 300 Mb/s. Le technicien que j'ai eu au téléphone m'a fait faire des tests et m'a dit que "la ligne était bonne". Pourtant le problème est bien là, tous les jours.

Je souhaiterais qu'un technicien se déplace pour vérifier l'installation.

Cordialement,
Eric Lambert
--- chat en
internet super laggy, ping 300ms on everything, is something going on?
--- social en
@LumioFR paying for gigabit fibre and getting 20 Mbps. Every. Single. Evening.
--- chat fr
bonjour la 4G box que j'ai chez moi est très lente, 2 Mb/s, alors qu'avant c'était 50
""")

CORPUS.append(r"""
### parcel_not_received
--- email fr n=Chantal_Meunier r=a s=Colis non reçu
Bonjour,

J'ai commandé la nouvelle box le {{D-16}} (commande <<CMD-2026-004512>>). Le suivi indique "en cours d'acheminement" depuis 10 jours et ne bouge plus. Je n'ai plus internet depuis la résiliation de mon ancien opérateur, c'est très pénible.

Merci de me dire où est mon colis.

Chantal Meunier
[[06 77 21 53 08]]
--- email fr n=Chantal_Meunier r=a g=s s=Re: Colis non reçu CMD-2026-004512
Bonjour, toujours rien, le colis est bloqué. Pouvez-vous en renvoyer un autre ? 
Chantal Meunier
--- chat fr n=Chantal_Meunier r=a g=s
bonjour, je vous ai écrit 2 fois pour ma box jamais livrée, commande CMD-2026-004512. personne ne répond
--- chat en
Hi, my new phone was supposed to arrive on Tuesday, tracking says delivered but I never got anything
--- chat fr
Bonjour, le colis avec ma carte SIM est marqué "livré" mais je n'ai rien reçu dans ma boîte aux lettres
--- web_form fr s=Livraison
Motif: Ma commande
Message: Commande <<CMD-2026-005877>> du iPhone 16. Livraison prévue il y a une semaine. Toujours pas reçu. Le transporteur dit que c'est à Lumio de faire une réclamation.
--- email en n=Samuel_Brooks r=b s=Where is my order?
Hi,

I ordered a Lumio Box on the website two weeks ago, order <<CMD-2026-006120>>. The confirmation email said delivery in 3-5 working days. Tracking has been stuck on "label created" since then.

Can you check with the courier?

Samuel Brooks
--- email en n=Samuel_Brooks r=b g=l s=Re: Where is my order?
Hello,
A month later and I still don't have the box. You told me a replacement was sent, but the new tracking number doesn't work on the courier website either. Meanwhile I'm being billed for the subscription!! I want either the box this week or a refund.
Samuel
--- social fr
@Lumio_Care 3 semaines que j'attends mon téléphone, le suivi ne bouge pas. C'est normal ??
--- chat fr
colis perdu ?? suivi bloqué depuis 8 jours "en transit"
--- email fr s=Commande jamais arrivée
<p>Bonjour,</p><p>Le point relais m'a informé que mon colis (nouvelle carte SIM + box) a été renvoyé à l'expéditeur faute d'avoir été retiré. Or je n'ai jamais reçu l'avis de passage ni le SMS. Pouvez-vous le renvoyer à mon domicile&nbsp;: 14 rue Victor Hugo, 59000 Lille ?</p><p>Merci,<br>Thierry Vasseur<br>[[07 71 84 05 26]]</p>
--- chat en
hello the courier left my parcel "in a safe place" but it's not there. it's my new router
--- web_form fr n=Kevin_Lopes r=c s=Pas reçu ma box
Motif: Ma commande
Message: slt jai commander la box le mois dernier je l'ai toujour pas. merci de me dire quand elle arrive. kevin
--- web_form fr n=Kevin_Lopes r=c g=s s=box
Motif: Autre
Message: toujour pas reçu la box !!! ça fait 5 semaines maintenant et vous me facturer l'abonnement
--- email fr s=Suivi de commande
Bonjour,
Pourriez-vous me donner des nouvelles de ma commande <<CMD-2026-007342>> ? Le lien de suivi renvoie une erreur "numéro inconnu". Merci d'avance.
Isabelle
--- chat fr
bonjour c'est pour un colis, la livraison était prévue samedi, je suis resté toute la journée chez moi, personne n'est venu et le suivi dit "destinataire absent" !!! c'est faux
--- email en s=Parcel returned to sender
Hi, the SIM card you sent me was returned to sender because the address was incomplete (missing flat number). Can you resend it? Flat 12B, 8 avenue Jean Jaurès, 75019 Paris. Thanks
""")

CORPUS.append(r"""
### cancellation_not_processed
--- email fr n=Annie_Lefort r=a s=Résiliation non prise en compte
Madame, Monsieur,

J'ai résilié mon abonnement box par lettre recommandée avec accusé de réception le {{D-52}}. Vous avez bien reçu le courrier (AR signé). Pourtant j'ai encore été prélevée ce mois-ci de 34,99 €.

Je vous demande de clôturer définitivement mon contrat et de me rembourser le prélèvement indu.

Annie Lefort
[[annie.lefort@sfr.fr]]
--- email fr n=Annie_Lefort r=a g=l s=2e relance - résiliation
Madame, Monsieur,
Malgré mon courrier et mon précédent e-mail, vous m'avez à nouveau prélevé 34,99 €. Je fais opposition auprès de ma banque dès aujourd'hui.
Annie Lefort
--- chat fr t=autumn
bonjour jai resilié en juin et je suis toujours facturé
--- chat en
Hi, I cancelled my contract two months ago and I'm still being charged. Can you stop it?
--- web_form fr s=Résiliation
Motif: Résilier mon offre
Message: Bonjour, j'ai fait ma demande de résiliation en ligne il y a 3 semaines, j'ai eu un mail de confirmation, mais ma ligne fonctionne toujours et mon espace client indique "actif". Est-ce que la résiliation a bien été faite ?
--- email en n=Peter_Lindqvist r=b s=Cancellation
Dear Lumio,

I moved back to Sweden at the end of {{MEN-1}} and cancelled both my mobile line and my internet subscription by phone before leaving. The agent confirmed the cancellation and gave me a reference number.

However, I have just noticed that you took another payment from my French bank account this month. Please close my account immediately and refund this payment to IBAN {{IBAN}}.

Best regards,
Peter Lindqvist
[[+46 70 123 45 67]]
--- email en n=Peter_Lindqvist r=b g=s s=Re: Cancellation
Hello, just checking that you got my email. Another debit is scheduled for next week according to my bank. Please confirm the cancellation in writing.
Peter
--- social fr
@Lumio j'ai résilié il y a 2 mois et vous continuez de me prélever. Ça s'appelle du vol.
--- chat fr
Bonjour,
Bonjour, j'ai envoyé ma résiliation avec le formulaire il y a un mois et demi et toujours facturée. On m'avait dit que ça prendrait 10 jours max
--- email fr n=Guillaume_Royer r=c s=résiliation suite portabilité
Bonjour,
J'ai changé d'opérateur pour mon mobile avec portabilité du numéro le mois dernier. Normalement la résiliation chez vous est automatique. Or je reçois toujours une facture Lumio pour ce numéro. Pouvez-vous régulariser ?
Guillaume Royer
[[06 49 30 72 15]]
--- email fr n=Guillaume_Royer r=c g=s s=TR: résiliation suite portabilité
Bonjour, je me permets de relancer. J'ai reçu une nouvelle facture de 19,99 € pour une ligne qui n'est plus chez vous. Merci de faire le nécessaire.

-------- Message transféré --------
De : Guillaume Royer
Objet : résiliation suite portabilité
J'ai changé d'opérateur pour mon mobile avec portabilité du numéro le mois dernier...
--- email fr n=Guillaume_Royer r=c g=l s=résiliation - mise en demeure
Bonjour,
Troisième message. Vous continuez de facturer une ligne partie chez un autre opérateur depuis 2 mois. Sans régularisation sous 8 jours je saisis le médiateur.
G. Royer
--- web_form en s=Cancel
Reason: Cancel my plan
Message: I submitted a cancellation request through this form on the 2nd. Nobody confirmed and I've just been billed again. Please process it.
--- chat fr
je veux savoir pourquoi ma résiliation n'est toujours pas faite, décès de mon père, j'ai envoyé l'acte de décès il y a 5 semaines et vous facturez toujours sa ligne
--- email fr s=Résiliation box
Bonjour,
J'ai résilié ma box en {{MFR-1}} et j'ai renvoyé le matériel. Vous me facturez pourtant encore l'abonnement. De plus je n'arrive plus à accéder à l'espace client pour voir les factures.
Cordialement,
M. Diallo
--- chat en
hey, cancellation not done?? still charged, cancelled 6 weeks ago
""")

CORPUS.append(r"""
### promo_not_applied
--- email fr n=Nicolas_Brun r=a s=Promotion non appliquée
Bonjour,

J'ai souscrit en boutique l'offre fibre avec la promo "19,99 € pendant 12 mois" (au lieu de 39,99 €). Sur mes deux premières factures je paie 39,99 €. La vendeuse m'avait bien confirmé la promo, c'est même écrit sur le bon de commande.

Merci de corriger et de me rembourser la différence.

Nicolas Brun
[[nicolas.brun@gmail.com]]
--- email fr n=Nicolas_Brun r=a g=l s=Re: Promotion non appliquée
Bonjour, troisième facture à 39,99 €. Je vous ai déjà transmis le bon de commande. Combien de temps faut-il pour appliquer une promotion ?
--- chat fr
bonjour on m'a promis 6 mois offerts sur l'option TV et je la paie depuis le début
--- chat en
Hi, I signed up with the 50% off for 6 months deal but I'm paying full price
--- web_form fr s=Offre de bienvenue
Motif: Facturation
Message: La remise de bienvenue de 10€/mois pour les clients mobile + box n'apparait pas sur ma facture. J'ai bien les deux chez vous depuis avril.
--- email en n=Carla_Mendes r=b s=Discount missing
Hello,
When I upgraded my plan on the phone, the agent (Yasmine, I think) offered me €5 off per month for 12 months as a loyalty discount. My last two bills don't show any discount.
Could you please apply it and credit the months I missed?
Carla Mendes
--- chat en n=Carla_Mendes r=b g=s
Hi, following up my email re the loyalty discount the agent promised me, €5/month. Any news?
--- social fr
@Lumio_Care la pub dit "forfait 100 Go à 9,99€" et moi je paie 14,99 pour le même forfait souscrit la semaine dernière ??
--- email fr s=Prix promo
bonjour,
le commercial qui est venu à domicile m'a vendu l'offre à 29,99 € tout compris, TV incluse. sur la facture je paye 29,99 + 7 € de TV. c'est pas ce qui était convenu !!! je me sens arnaquée
--- chat fr t=summer
Bonjour, le code promo ETE2026 ne fonctionne pas au moment de payer, message "code invalide"
--- email fr s=Remboursement ODR téléphone
Bonjour,
J'ai acheté un Samsung A55 avec une offre de remboursement de 100 € (ODR). J'ai envoyé le dossier complet il y a 3 mois, toujours rien. Le site indique "dossier conforme". Quand vais-je recevoir les 100 € ?
Merci
Lucie Marchal
[[06 18 54 90 37]]
--- web_form en t=autumn s=Black Friday offer
Reason: Offers
Message: I took the Black Friday style offer advertised in your shop in July (box at €15.99 for the first year). My bill says €32.99. Please fix.
--- chat fr
la remise fidélité que vous m'aviez accordée a disparu de ma facture ce mois ci, pourquoi ?
--- email fr s=Parrainage
Bonjour, j'ai parrainé ma sœur qui a souscrit une box le mois dernier. Nous devions recevoir chacune 50 € de réduction. Rien sur nos factures. Son nom : Elodie Martin. Merci de vérifier.
Caroline
""")

CORPUS.append(r"""
### technician_no_show
--- email fr n=Sophie_Lambert r=a s=Technicien jamais venu
Bonjour,

J'avais un rendez-vous pour l'installation de la fibre aujourd'hui entre 8h et 12h. J'ai posé une demi-journée de congé. Personne n'est venu, personne n'a appelé. Quand j'ai appelé le service client à 12h30, on m'a dit que le rendez-vous avait été annulé, sans me prévenir !

C'est inadmissible. Je demande un nouveau rendez-vous rapidement et un geste commercial.

Sophie Lambert
[[06 25 17 83 40]]
--- email fr n=Sophie_Lambert r=a g=s s=Re: Technicien jamais venu
Bonjour,
Le nouveau rendez-vous fixé à ce matin : même scénario. Personne. Deuxième demi-journée de congé perdue. Je ne sais plus quoi faire.
Sophie Lambert
--- chat fr
bonjour le technicien devait passer hier aprem, jamais venu
--- chat en
Hi, technician was booked for this morning 8-12, it's 2pm now and no one came or called
--- social fr
@Lumio_Care 3ème RDV technicien annulé le jour même. Trois. Vous vous foutez de nous
--- web_form fr s=Rendez-vous
Motif: Suivre mon installation
Message: Le technicien est venu mais il est reparti au bout de 5 minutes en disant qu'il n'avait pas le bon matériel. Il devait revenir "dans la semaine", ça fait 10 jours. Nouveau rdv svp.
--- email en n=Mark_Collins r=b s=Missed appointment
Hello,
Your technician missed our appointment on Friday for the fibre installation. I waited all day. Nobody informed me.
I would like a new appointment on a Saturday if possible, as I can't keep taking days off work.
Mark Collins
[[+44 7700 900123]]
--- email en n=Mark_Collins r=b g=l s=Missed appointment - AGAIN
I can't believe I'm writing this again. The Saturday appointment you gave me: no-show. No call, no SMS. This is the second time. Please have a manager call me on +44 7700 900123.
Mark
--- chat fr
Bonjour, j'ai reçu un SMS qui annule mon rdv technicien de demain sans proposer d'autre date. Je fais comment ?
--- email fr s=absence technicien
bonjour, technicien absent au rendez vous du {{D-2}}, 14h-18h. merci de me recontacter pour un nouveau créneau. cordialement. M. Girard [[06 38 95 21 74]]
--- chat fr
Bjr le technicien a appelé pour dire qu'il serait en retard puis n'est jamais venu. C'était pour réparer ma ligne coupée depuis 1 semaine
--- web_form en s=Technician
Reason: Installation
Message: appointment for router repair was today, technician didn't show up. please reschedule asap
--- email fr s=RDV non honoré
<div>Bonjour,</div><div><br></div><div>Je vous informe que le technicien mandaté par Lumio ne s'est pas présenté au rendez-vous prévu ce jour entre 13h et 17h pour le raccordement fibre. J'ai attendu en vain et je n'ai reçu aucun appel.</div><div><br></div><div>Merci de me proposer un nouveau rendez-vous et de m'indiquer la compensation prévue dans ce cas.</div><div><br></div><div>Cordialement,</div><div>Hélène Bouvier</div>
--- chat en
Hello. The technician called to say he was at my door but I was home and nobody rang?? Now the appointment is marked "customer absent"
""")

CORPUS.append(r"""
### installation_delay
--- email fr n=Arnaud_Petit r=a s=Raccordement fibre - 2 mois d'attente
Bonjour,

J'ai souscrit à l'offre fibre il y a deux mois. Depuis, mon raccordement est "en cours d'étude" et rien ne bouge. On m'a d'abord dit qu'il fallait attendre l'accord du syndic, puis que le point de branchement de l'immeuble était saturé.

Je paie toujours mon ancien opérateur en attendant. Pouvez-vous me donner une date réaliste ?

Arnaud Petit
[[06 91 42 07 36]]
--- email fr n=Arnaud_Petit r=a g=l s=Re: Raccordement fibre - 3 mois maintenant
Bonjour, un mois de plus, toujours "en cours d'étude". Est-ce que vous pouvez au moins me dire si c'est possible ou non ? Sinon j'annule.
--- chat fr
bonjour ça fait 6 semaines que j'attends le raccordement de la fibre, on me dit toujours "en attente d'infos de l'opérateur d'infrastructure"
--- chat en
Hi, I ordered fibre 5 weeks ago and there's still no installation date. The status just says "pending"
--- web_form fr s=Raccordement
Motif: Suivre mon installation
Message: Le technicien est venu pour le raccordement et a dit que la gaine était bouchée entre la rue et la maison, il faut des travaux de génie civil. Depuis plus de nouvelles. Qui doit faire les travaux ? Combien de temps ?
--- email en n=Julia_Novak r=b s=Fibre installation delay
Hello,

We moved into a new-build flat in {{MEN-1}} and ordered fibre immediately. We're told the building "is not yet connected to the network" and that we need to wait. Our neighbours with another provider already have fibre!

Can you please explain what's blocking and give us a date?

Julia Novak
--- email en n=Julia_Novak r=b g=l s=Still waiting for fibre
Hi, six weeks later, no progress on our fibre connection. We're still on a 4G dongle. Please escalate.
Julia
--- social fr
@Lumio_Care 4 mois pour un raccordement fibre, vous êtes sérieux ??
--- email fr s=Installation impossible ?
Bonjour,
Après trois passages de techniciens différents, on me dit maintenant que le raccordement de ma maison est "impossible techniquement" à cause d'un poteau à remplacer par la mairie. Je ne comprends plus rien. Mon contrat a commencé il y a 2 mois et je paie.
Merci de m'expliquer la suite.
Sébastien Caron
--- chat fr
Bonjour, mon raccordement était prévu le 15, il a été reporté sans explication à une date "à définir"
--- web_form en s=Installation
Reason: Installation
Message: fibre order placed 2 months ago, still no connection date. I call every week and get a different answer. Please give a straight answer.
--- chat fr
slt c pour savoir ou en est le raccordement fibre de mon appart, commande y a 1 mois et demi
""")

CORPUS.append(r"""
### no_mobile_signal
--- email fr n=Martine_Gauthier r=a s=Pas de réseau à mon domicile
Bonjour,

Depuis environ trois semaines, je n'ai plus de réseau mobile chez moi (Saint-Genis-Laval). Une barre au mieux, souvent "Aucun service". Les appels coupent, les SMS arrivent en retard. Avant ça fonctionnait bien. Mes voisins chez Lumio ont le même problème.

Merci de vérifier l'antenne du secteur.

Martine Gauthier
[[07 82 36 51 94]]
--- email fr n=Martine_Gauthier r=a g=l s=Re: Pas de réseau à mon domicile
Bonjour,
Toujours pas de réseau à la maison un mois après. Vous m'aviez parlé de travaux sur l'antenne, sont-ils terminés ? Je dois sortir dans le jardin pour téléphoner.
Martine Gauthier
--- chat fr
bonjour aucun réseau au bureau depuis lundi, mes collègues chez d'autres opérateurs captent
--- chat en
No signal at all at home since last week, phone says SOS only. Postcode 31400
--- social fr
@Lumio zéro réseau à Dieppe centre depuis ce matin, c'est général ?
--- web_form fr s=Réseau
Motif: Mon mobile
Message: Très mauvaise couverture réseau dans ma maison, appels qui coupent sans arrêt. J'ai changé de téléphone, c'est pareil. Est-ce que vous proposez un boitier femtocell ?
--- email en n=Rachel_Moore r=b s=Poor coverage
Hi there,
Since moving to Annecy I have terrible mobile reception indoors. Calls drop constantly and I miss calls from my kids' school. Is there anything you can do? Wi-Fi calling doesn't seem to be enabled on my line either.
Thanks
Rachel Moore
[[+33 6 73 58 12 46]]
--- chat en n=Rachel_Moore r=b g=s
Hi, any news about the coverage problem in Annecy I emailed about? still dropping calls
--- chat fr
Bjr depuis la mise à jour de mon iPhone j'ai plus de réseau, juste "recherche..."
--- email fr s=Coupures appels
Bonjour,
Mes appels coupent systématiquement au bout de 30 secondes environ quand je suis chez moi, et la 4G indique pleine barre mais rien ne charge. C'est comme ça depuis 10 jours.
Merci, Paul
Envoyé de mon iPhone
--- chat fr
j'ai pas de réseau dans le village (Lurcy-Lévis), c'est une zone blanche ou une panne ?
--- web_form en s=Signal
Reason: Technical problem
Message: signal drops to nothing in my office building in La Défense, started 2 weeks ago. Other networks are fine.
""")

CORPUS.append(r"""
### faulty_device
--- email fr n=Claire_Besson r=a s=Box en panne
Bonjour,

Ma box redémarre toute seule plusieurs fois par heure depuis une semaine. J'ai fait une réinitialisation usine comme conseillé par le robot, rien n'y fait. Elle chauffe aussi beaucoup.

Pouvez-vous m'envoyer une box de remplacement ?

Claire Besson
[[claire.besson@yahoo.fr]]
--- email fr n=Claire_Besson r=a g=s s=Re: Box en panne - échange
Bonjour,
Vous m'avez envoyé la box de remplacement, merci, mais elle a exactement le même défaut : redémarrages en boucle. Est-ce qu'un technicien peut venir voir ?
Claire Besson
--- chat fr
bonjour mon décodeur TV ne s'allume plus, voyant rouge fixe
--- chat en
Hi, the phone I bought from you 4 months ago has a dead screen (black, but it vibrates). It's under warranty, how do I send it for repair?
--- web_form fr s=Téléphone défectueux
Motif: Mon équipement
Message: Téléphone acheté chez Lumio en mars, la batterie tient 3 heures et le téléphone chauffe. Il est sous garantie. Comment faire la demande de SAV ?
--- email en n=Ahmed_Rahman r=b s=Repair status
Hello,

I sent my phone for repair under warranty (screen flickering) three weeks ago. Repair ticket <<SAV-2026-88213>>. No news since. Can you tell me when I'll get it back? I've been using an old phone without 4G.

Ahmed Rahman
[[+33 7 45 81 30 62]]
--- email en n=Ahmed_Rahman r=b g=l s=Re: Repair status
Hi, got the phone back but it still flickers — the repair centre says "no fault found". The fault is obvious, it's in the video I sent. I want a replacement.
Ahmed
--- social fr
@Lumio_Care la télécommande du décodeur ne marche plus et la boutique me dit de vous contacter. 3e télécommande en 1 an 🙄
--- chat fr
Le wifi de ma box ne s'active plus, le bouton wifi ne fait rien et il n'apparait plus dans la liste
--- email fr s=SAV
Bonjour,
Mon téléphone (Xiaomi Redmi Note 13, acheté chez vous il y a 8 mois) ne charge plus du tout. Le connecteur semble abîmé de l'intérieur. Il n'a subi aucun choc. Merci de me dire la procédure pour la garantie. 
Cordialement
Yves Marchand
[[06 56 23 98 41]]
--- chat en
my router's power supply died (smelled burnt). need a new one
--- web_form fr s=Décodeur
Motif: Ma télévision
Message: Décodeur TV bloqué sur l'écran de démarrage "Lumio TV" depuis 2 jours, impossible d'aller plus loin. Débranché/rebranché 10 fois.
""")

CORPUS.append(r"""
### number_porting
--- email fr n=Jerome_Lacroix r=a s=Portabilité échouée
Bonjour,

J'ai souscrit un forfait mobile chez vous en demandant la portabilité de mon numéro ([[06 81 27 45 93]]). J'ai bien donné mon code RIO. La date de portabilité était prévue il y a 4 jours, mais ma nouvelle SIM Lumio affiche un numéro provisoire et mon ancienne ligne fonctionne toujours chez mon ancien opérateur.

Qu'est-ce qui bloque ?

Jérôme Lacroix
--- email fr n=Jerome_Lacroix r=a g=s s=Re: Portabilité échouée
Bonjour,
On m'a dit que le RIO était "invalide". Je l'ai pourtant obtenu en appelant le 3179 et je l'ai recopié sans erreur. Je vous le redonne : 01P7HK29A3F1. Merci de relancer la portabilité.
J. Lacroix
--- chat fr
bonjour mon numéro n'a pas été transféré depuis mon ancien opérateur, ça fait une semaine
--- chat en
Hi, I want to keep my number when I join, where do I put the RIO code? The website rejects it
--- email en n=Grace_Adeyemi r=b s=Number transfer delayed
Hello,
I joined Lumio last week and asked to transfer my existing number from my old provider. The transfer was supposed to happen on Tuesday but I still have a temporary number. All my contacts, my bank and my doctor have my old number. Please sort this out quickly.
Grace Adeyemi
--- chat en n=Grace_Adeyemi r=b g=s
Hello again, number port still not done, your colleague said 48h, it's been 5 days
--- web_form fr s=Portabilité
Motif: Mon mobile
Message: Portabilité annulée sans raison, je n'ai plus de ligne du tout maintenant : l'ancien opérateur a coupé et Lumio n'a pas activé mon numéro. Urgent.
--- social fr
@Lumio_Care portabilité ratée, ça fait 3 jours que je n'ai plus de numéro. Des nouvelles ?
--- email fr s=conserver mon numéro fixe
Bonjour, je passe chez Lumio pour la box et je voudrais garder mon numéro de fixe ([[02 99 14 63 58]]). Le conseiller a oublié de cocher la portabilité à la souscription. Comment rattraper ça ?
Merci
--- chat fr
Jai demandé la portabilité de mon numéro mais c un autre numéro qui a été activé
""")

CORPUS.append(r"""
### app_login_bug
--- chat fr
l'appli Lumio plante dès que je l'ouvre, écran blanc puis fermeture
--- email fr n=Odile_Marty r=a s=Impossible de voir mes factures
Bonjour,
Dans l'espace client, quand je clique sur "Mes factures", j'ai une page d'erreur 500. Ça fait une semaine. J'ai besoin de mes factures pour ma note de frais.
Odile Marty
--- email fr n=Odile_Marty r=a g=s s=Re: Impossible de voir mes factures
Bonjour, toujours l'erreur 500 sur la page Mes factures, avec Chrome et Firefox. Pouvez-vous m'envoyer les 3 dernières factures par mail à [[odile.marty@orange.fr]] en attendant ?
--- chat en
The app crashes when I try to log in, I'm on Android 14. Reinstalled twice
--- web_form fr s=Bug application
Motif: Mon espace client
Message: Après connexion dans l'app, message "Une erreur technique est survenue (code 1042)". Impossible d'aller plus loin. Sur le site web ça marche.
--- social en
@LumioFR your app has been crashing on iOS for days. Can't check my data usage 🙄
--- chat fr
Bonjour, sur l'espace client la page de consommation reste vide, ça tourne dans le vide
--- email en s=Website login error
Hi,
I enter my login and password on the Lumio website and it sends me back to the login page with no error message, in a loop. Tried different browsers, cleared cookies. My password is correct (works in the app).
Regards,
Tobias
--- chat fr
l'appli me dit "session expirée" toutes les 2 minutes, impossible de faire quoi que ce soit
--- web_form en s=App
Reason: My account
Message: the app shows someone else's name on the home screen?? after login. a bit worrying
--- email fr s=appli
bonjour l'application ne veut pas s'installer sur mon vieux téléphone (Android 8), "appareil non compatible". Comment je fais pour suivre ma conso ? merci
""")

CORPUS.append(r"""
### direct_debit_rejected
--- email fr n=Laetitia_Renard r=a s=Prélèvement rejeté et frais
Bonjour,

J'ai reçu un courrier m'indiquant que le prélèvement de ma facture de {{MFR-1}} a été rejeté et que 7,50 € de frais de rejet me sont facturés. Or mon compte était bien approvisionné, ma banque me confirme n'avoir reçu aucune demande de prélèvement de votre part !

J'ai changé de banque en début d'année et j'avais bien communiqué mon nouveau RIB. Pour rappel, mon IBAN : {{IBAN}}.

Merci d'annuler ces frais.

Laetitia Renard
[[06 29 74 18 53]]
--- email fr n=Laetitia_Renard r=a g=l s=Re: Prélèvement rejeté et frais
Bonjour,
Rebelote ce mois-ci : nouveau rejet, nouveaux frais, et maintenant une lettre de relance pour impayé. Le problème vient manifestement de vos services qui utilisent toujours mon ancien IBAN. Je vous le redonne : {{IBANC}}.
Merci de régulariser et de supprimer TOUS les frais.
L. Renard
--- chat fr
bonjour j'ai été prélevé 2 fois ce mois ci, 2 x 42,99
--- chat en
Hi, my direct debit was rejected but I had money on my account, and now you're charging me a €7.50 fee?
--- web_form fr s=Prélèvement
Motif: Payer ma facture
Message: Bonjour, mandat SEPA refusé par ma banque, référence mandat {{NOLUHN}}. Je voudrais payer par carte en attendant. Carte : {{CARD}} exp 09/28. Merci
--- email en n=Jonas_Becker r=b s=Payment failed
Dear Lumio,

My direct debit failed this month because my bank account changed. Please update my bank details to the following IBAN: {{IBANGB}}. I'm happy to pay the outstanding amount by card if needed.

Kind regards,
Jonas Becker
--- email en n=Jonas_Becker r=b g=s s=Re: Payment failed
Hello, still waiting. Meanwhile I got a text saying my line will be suspended for non payment! I have no way to pay online since the page doesn't accept my card. Here is my card number so you can take the payment: {{CARDC}}, expiry 11/27. Please don't suspend my line.
Jonas
--- chat fr
prelevement rejeté je comprend pas, on me menace de suspendre la ligne. j'ai de l'argent sur mon compte
--- social fr t=oct
@Lumio_Care vous m'avez prélevé deux fois la facture de septembre (2x 54,98€), et maintenant je suis à découvert avec les agios. Merci de rembourser vite
--- email fr s=Double prélèvement
Bonjour,
Je constate sur mon relevé bancaire deux prélèvements Lumio identiques de 38,50 € le même jour. Merci de me rembourser le doublon sur le compte {{IBAN}}.
Cordialement,
Fabrice N.
""")

CORPUS.append(r"""
### sim_activation
--- chat fr
Bonjour j'ai reçu ma carte SIM hier mais elle n'est toujours pas activée, "pas de service"
--- email en n=Hiroshi_Tanaka r=a s=eSIM not working
Hello,

I received the eSIM QR code by email but when I scan it with my iPhone it says "This code is no longer valid". I have tried 3 times. I need my line for work.

Hiroshi Tanaka
[[hiroshi.tanaka@icloud.com]]
--- email en n=Hiroshi_Tanaka r=a g=s s=Re: eSIM not working
Hi, you sent me a new QR code but the same error happens: "code no longer valid". It's been 5 days without a phone line.
--- chat en
new sim card says "SIM not provisioned", what do I do?
--- web_form fr s=Activation carte SIM
Motif: Mon mobile
Message: Commande d'une carte SIM de remplacement suite au vol de mon téléphone. Reçue il y a 4 jours, toujours pas active. Le numéro est bloqué depuis le vol.
--- chat fr
bonjour la SIM que vous m'avez envoyé ne marche pas "carte SIM non valide"
--- social fr
@Lumio_Care j'ai souscrit un forfait il y a une semaine, ma SIM n'est toujours pas activée. Toujours "urgence uniquement"
--- email fr s=eSIM
Bonjour, le QR code eSIM que j'ai reçu ne fonctionne pas sur mon Pixel 8, "impossible d'ajouter le forfait". Pouvez-vous m'envoyer une carte SIM physique à la place ? Merci. Quentin Morel [[06 94 51 27 80]]
--- chat fr
Bonjour,
C'est pour l'activation de ma ligne
J'ai une nouvelle SIM avec le forfait 5G mais la 5G ne marche pas, juste la 4G, alors que c'est une SIM 5G
""")

CORPUS.append(r"""
### refund_missing
--- email fr n=Brigitte_Fontaine r=a s=Remboursement non reçu
Bonjour,

Le {{D-40}}, votre conseiller m'a confirmé par téléphone le remboursement de 64,98 € correspondant à deux mois facturés après ma résiliation. Il m'a dit que le virement serait fait sous 15 jours.

À ce jour, je n'ai rien reçu. Merci de faire le virement sur mon compte : IBAN {{IBAN}}.

Cordialement,
Brigitte Fontaine
[[brigitte.fontaine@laposte.net]]
--- email fr n=Brigitte_Fontaine r=a g=l s=Re: Remboursement non reçu
Bonjour,
Deux mois plus tard, toujours pas de remboursement. J'ai envoyé mon IBAN deux fois. Que se passe-t-il ?
B. Fontaine
--- chat en
Hi, I was promised a refund of €45 for the overcharge 6 weeks ago and nothing has arrived
--- web_form fr t=autumn s=Avoir
Motif: Facturation
Message: Un avoir de 30€ devait apparaître sur ma facture suite à la panne de juillet (geste commercial). Il n'y est pas.
--- email en n=Sarah_Whitfield r=b s=Refund
Hi,

After I returned the broken phone you agreed to refund me €329 on my card (the Visa I paid with in the shop). It's been a month. Could you check? The card number is {{CARD}} if you need it.

Sarah Whitfield
[[+44 7911 456782]]
--- email en n=Sarah_Whitfield r=b g=s s=Re: Refund
Hello, any update on the €329? My bank says nothing is pending.
Sarah
--- chat fr
bonjour je devais être remboursé du trop-perçu 22,50€, toujours rien après 2 mois
--- social fr t=autumn
@Lumio_Care remboursement promis en juin, on est en {{MFR}}. Rien. Bravo.
--- email fr s=trop perçu
Bonjour,
Suite à ma résiliation, mon dernier relevé indique un solde créditeur de 18,74 € en ma faveur. Comment le récupérer ? Je n'ai pas reçu de virement. 
Merci,
Karine Hamon
""")

CORPUS.append(r"""
### equipment_return
--- email fr n=Pascal_Renaud r=a s=Frais de non-restitution
Bonjour,

Je viens de recevoir une facture de 150 € pour "non-restitution de la box". J'ai pourtant renvoyé la box et le décodeur dès ma résiliation, par La Poste, avec l'étiquette que vous m'aviez fournie. J'ai le récépissé de dépôt.

Merci d'annuler ces frais.

Pascal Renaud
[[06 43 60 92 17]]
--- email fr n=Pascal_Renaud r=a g=l s=Re: Frais de non-restitution
Bonjour, je vous ai envoyé la preuve de dépôt il y a un mois. Malgré cela, vous m'avez prélevé les 150 €. Je veux être remboursé immédiatement.
P. Renaud
--- chat fr
bonjour je dois renvoyer mon ancienne box mais je n'ai jamais reçu l'étiquette de retour
--- chat en
Hi, how do I return the old router? No return label in the box with the new one
--- web_form fr s=Retour matériel
Motif: Résilier mon offre
Message: J'ai résilié et je dois rendre le décodeur. Le lien vers l'étiquette prépayée dans le mail ne marche pas (page introuvable). Je ne veux pas être facturé pour ça.
--- email en s=Charged for unreturned equipment
Hello,
You charged me €89 for a TV box I returned in person at your shop in Bordeaux on {{D-35}}. The shop gave me a receipt. Please refund.
Thanks,
Emily Carter
--- social fr
@Lumio_Care le point relais refuse mon colis retour, il dit que l'étiquette n'est pas valide. On fait comment ?
--- chat fr
Bjr je veux rendre la box mais pas de carton, je peux la déposer en boutique ?
--- email fr s=retour box
bonjour, box renvoyée il y a 3 semaines, toujours pas de confirmation de réception et je vois une ligne "équipement non restitué 150,00€" sur ma dernière facture. merci de vérifier
""")

CORPUS.append(r"""
### fraud_phishing
--- email fr n=Marc_Olivier r=a s=URGENT ligne piratée
Bonjour,

Hier soir mon téléphone a perdu tout réseau d'un coup. Ce matin ma banque m'a appelé : quelqu'un a fait trois virements depuis mon compte en validant avec des codes reçus par SMS. Il semble que quelqu'un ait obtenu une nouvelle carte SIM à mon nom ! Je n'ai rien demandé.

Merci de bloquer immédiatement cette SIM et de me dire qui l'a commandée.

Marc Olivier
Tél fixe : [[01 39 72 58 14]]
--- email fr n=Marc_Olivier r=a g=s s=Re: URGENT ligne piratée
Bonjour,
J'ai déposé plainte au commissariat (je vous joins le récépissé). J'ai besoin d'une attestation de votre part indiquant la date et le lieu où la SIM frauduleuse a été délivrée.
Marc Olivier
--- chat fr
bonjour j'ai reçu un sms "Lumio: votre facture est impayée, regularisez sur lumio-paiement-secure.com" c'est vous ?
--- email en s=Phishing email?
Hi, I got an email pretending to be from Lumio asking me to update my payment details, from the address [[lumio.service@mail-update-account.com]]. I think it's a scam. I clicked the link and entered my card number {{CARD}} before realising. What should I do?
Thanks, Rob
--- social fr
@Lumio_Care attention arnaque en cours : faux SMS Lumio "remboursement de 49,99€ en attente, cliquez ici". Je l'ai reçu 3 fois
--- chat en
someone changed the email and password on my Lumio account and ordered a phone with my account!!! I didn't do this
--- web_form fr s=Ligne inconnue
Motif: Autre
Message: Je reçois une facture pour une deuxième ligne mobile ouverte à mon nom le mois dernier. Je n'ai jamais ouvert cette ligne, je pense à une usurpation d'identité. Mes coordonnées : [[06 53 08 47 29]]
--- chat fr
Bonjour, quelqu'un m'a appelé en se présentant comme conseiller Lumio et m'a demandé le code reçu par SMS. Je lui ai donné... est-ce que c'était vraiment vous ?
""")

CORPUS.append(r"""
### termination_fees
--- email fr n=Virginie_Dumont r=a s=Frais de résiliation contestés
Bonjour,

Je conteste les frais de résiliation anticipée de 96 € figurant sur ma facture de clôture. Je résilie pour motif légitime : je déménage dans une zone où Lumio n'a pas de couverture fibre, ce que votre conseiller a confirmé. Les conditions générales prévoient l'exonération dans ce cas.

Merci d'annuler ces frais.

Virginie Dumont
[[virginie.dumont@hotmail.fr]]
--- email fr n=Virginie_Dumont r=a g=l s=Re: Frais de résiliation contestés
Bonjour,
Je n'ai pas eu de réponse et j'ai reçu une relance pour les 96 € de frais. Je vous renvoie l'attestation de non-éligibilité. Je refuse de payer ces frais.
--- chat en
Hi, I'm being charged €120 to cancel but my 12 month commitment ended in March?
--- chat fr
Bonjour, on me demande de payer les mois restants jusqu'à la fin de l'engagement (8 mois !!) alors que le vendeur m'avait dit sans engagement
--- web_form en s=Early termination fee
Reason: Cancel my plan
Message: I'm leaving France for work (job transfer to Canada). Do I really have to pay the early termination fee? I can send my employment contract.
--- social fr
@Lumio_Care 200€ de frais de résiliation pour un service qui n'a jamais marché correctement. Honteux
--- email fr s=Engagement
Bonjour,
Je souhaite savoir jusqu'à quand court mon engagement. Votre site dit 24 mois mais mon contrat signé en boutique dit 12 mois. Je voudrais résilier sans frais.
Merci,
Alain Perret
""")

CORPUS.append(r"""
### plan_change
--- email fr n=Benoit_Leclerc r=a s=Changement de forfait non effectué
Bonjour,

Le mois dernier j'ai demandé par téléphone à passer du forfait 100 Go au forfait 20 Go à 9,99 €. Le conseiller m'a confirmé le changement. Ma facture de ce mois est toujours à 19,99 €, et mon espace client affiche toujours le 100 Go.

Merci de faire le changement et de me rembourser la différence.

Benoît Leclerc
--- email fr n=Benoit_Leclerc r=a g=l s=Re: Changement de forfait
Toujours pas changé ! Deuxième mois facturé 19,99. Merci de faire le nécessaire cette fois.
--- chat en
I upgraded to the 5G plan in the app 2 weeks ago, but I'm still on the old plan according to my account
--- chat fr
bonjour je voudrais changer mon forfait pour un moins cher mais le site me met "opération impossible"
--- web_form fr s=Option
Motif: Changer d'offre
Message: J'ai ajouté l'option TV Sport il y a 10 jours, toujours pas de chaînes sport sur le décodeur. L'option est pourtant facturée.
--- email en s=Wrong plan
Hi, I asked to downgrade to the Fibre 300 plan at €29.99 and instead I've been switched to Fibre 2 Gb at €49.99. That's the opposite of what I asked! Please switch me back. Thanks, Liam
--- social fr
@Lumio_Care j'ai demandé à enlever l'option Netflix il y a un mois et elle est toujours là
""")

CORPUS.append(r"""
### roaming_charges
--- email en t=summer n=David_Kim s=Roaming charges in the US
Hello,

I just got back from a two-week holiday in New York and my bill is €286! I had bought the "World Pass 5 Go" roaming pack before leaving, specifically to avoid this. It seems the pack was never applied and I was charged for every MB.

Please apply the pack retroactively and refund the out-of-bundle charges.

David Kim
[[+1 (415) 555-0134]]
--- chat fr t=summer
bonjour je suis en Espagne et ma 4G ne marche pas, pourtant je suis dans l'UE
--- chat fr t=summer
Bonjour, 94€ de hors forfait pour une semaine en Suisse !! personne ne m'a prévenu que la Suisse n'était pas dans l'Europe du forfait
--- web_form en t=summer s=Roaming
Reason: My mobile
Message: I bought the Maghreb roaming pass for my trip to Morocco but data doesn't work at all there. Can I get a refund of the pass?
--- social fr t=summer
@Lumio_Care en croisière j'ai eu 160 euros de hors forfait à cause du réseau satellite du bateau. Personne ne prévient de ça ??
--- email fr s=Hors forfait Royaume-Uni
Bonjour,
Depuis le Brexit je comprends que le Royaume-Uni n'est plus inclus, mais votre site indique "Royaume-Uni inclus jusqu'à fin 2026". Or j'ai été facturé 38 € de data à Londres. Merci de rectifier.
Cordialement,
Olivia
""")

CORPUS.append(r"""
### moving_line
--- email fr s=Déménagement
Bonjour,

Nous déménageons le 30 du mois, de Nantes à Rennes. Je souhaite transférer notre abonnement fibre à la nouvelle adresse : 7 allée des Peupliers, 35000 Rennes. Comment procéder et quel est le délai ?

Merci,
Gaëlle Robin
[[06 84 19 35 72]]
--- chat fr
bonjour je déménage dans 2 semaines, je peux garder ma box et mon numéro fixe ?
--- chat en t=summer
Hi, I moved 3 weeks ago and requested a transfer of my internet line, but the new address still has no service and I'm still billed at the old one
--- web_form fr t=summer s=Transfert de ligne
Motif: Déménager
Message: Demande de transfert de ligne faite le mois dernier, le rendez-vous d'installation à la nouvelle adresse n'a toujours pas été fixé. Nous sommes sans internet depuis l'emménagement.
--- email fr t=summer s=demenagement
bonjour je demenage en septembre, est ce que l'offre fibre est dispo a ma nouvelle adresse ? et si non je peux resilier sans frais ? cordialement
""")

CORPUS.append(r"""
### internet_outage
--- web_form fr t=spike s=Incident
Motif: Ma télévision
Message: Ni télé ni internet depuis 2 jours. Le répondeur du 3900 parle d'un "incident majeur". On aimerait savoir quand ça revient et si on sera dédommagés.

### parcel_not_received
--- chat fr
Bonjour,
Bonjour Thomas
on m'a envoyé un nouveau téléphone en échange mais le colis est en "anomalie de livraison" depuis une semaine. je fais quoi ?

### promo_not_applied
--- email en s=Student discount
Hello, I signed up with my student card for the student offer (€10 off) but it's not on my bill. I uploaded the proof in the app when I subscribed. Could you check? Thank you! Chloé (Erasmus student from Belgium) [[+32 470 12 34 56]]

### slow_internet
--- email fr s=Re: Votre demande n°{{NOLUHN}}
Non le problème n'est pas résolu. Le débit est toujours à 8 Mb/s en soirée, j'ai refait le test comme vous l'avez demandé.

{{QFR}}
> Bonjour,
> Nous avons effectué une réinitialisation de votre ligne à distance. Pourriez-vous nous confirmer que le débit est revenu à la normale ?
> Cordialement, Service Client Lumio
""")

CORPUS.append(r"""
### other
--- email fr s=Merci !
Bonjour,
Je voulais simplement remercier Yann, le technicien venu hier, pour sa gentillesse et son professionnalisme. Il a pris le temps de tout m'expliquer. C'est rare, ça mérite d'être dit.
Bonne journée,
Mme Lucas
--- chat fr
bonjour, la boutique Lumio de la rue de la République à Lyon est-elle ouverte le dimanche ? et jusqu'à quelle heure le samedi ?
--- email fr c=none s=Candidature spontanée - conseiller clientèle
Madame, Monsieur,

Actuellement en recherche d'emploi, je me permets de vous adresser ma candidature pour un poste de conseiller clientèle au sein de votre centre de relation client. Titulaire d'un BTS NDRC et forte de deux années d'expérience en téléconseil, je suis dynamique et à l'écoute.

Vous trouverez ci-joint mon CV et ma lettre de motivation. Je reste à votre disposition pour un entretien.

Cordialement,
Samia Khelifi
[[samia.khelifi@gmail.com]] - [[07 62 90 14 38]]
--- email en c=none s=Partnership opportunity - boost your SEO rankings!!
Dear Lumio team,

I am reaching out from a leading digital marketing agency. We noticed that your website is not ranking on the first page of Google for important keywords. We can guarantee #1 rankings within 30 days for only $299/month.

Reply to this email to get a FREE audit!

Best regards,
Jessica
Growth Manager
--- email en c=none s=Automatic reply: Your Lumio request
Thank you for your email. I am out of the office until Monday with limited access to email. For urgent matters please contact my colleague at [[j.harper@harper-consulting.co.uk]].
--- chat en
thanks, all sorted now!
--- social fr
@Lumio_Care merci pour la réactivité de votre équipe, problème réglé en 10 minutes 👏
--- web_form fr s=Demande RGPD
Motif: Autre
Message: Conformément à l'article 15 du RGPD, je souhaite obtenir une copie de l'ensemble des données personnelles que vous détenez à mon sujet. Merci de me répondre dans le délai légal d'un mois.
--- email fr c=none s=Demande de presse
Bonjour,
Je suis journaliste pour un quotidien régional et je prépare un article sur le déploiement de la fibre dans les communes rurales. Serait-il possible d'interviewer un responsable de Lumio cette semaine ?
Merci d'avance,
Thibault Arnaud
[[06 11 58 72 93]]
--- chat fr
Vous vendez des coques pour iPhone 15 en boutique ?
--- email en c=none s=You have won!!!
CONGRATULATIONS!!! Your email address has been selected in our annual lottery. You have won 1,500,000 USD. To claim your prize send your full name, address and bank details to the claims officer.
--- web_form en s=Accessibility
Reason: Other
Message: Hello, I'm visually impaired. Can I receive my bills in large print or Braille? Thank you.
--- chat fr
Bonjour, je voulais juste dire que la nouvelle interface de la box est super, beaucoup plus claire. Bonne continuation
--- email fr c=none s=Stage
Bonjour, je suis étudiant en 2e année de BUT Réseaux & Télécoms et je recherche un stage de 10 semaines à partir d'avril. Est-ce que Lumio accueille des stagiaires dans ses équipes techniques ? Merci, Enzo
--- social en
@LumioFR is the shop in Bordeaux centre open on bank holidays?
""")

CORPUS.append(r"""
### reject_baddate
--- email fr s=technicien
Bonjour, le technicien n'est pas venu ce matin pour le rendez-vous de raccordement. Merci de me rappeler.
Mme Texier
""")


CORPUS.append(r"""
### installation_delay
--- email fr n=Helene_Dufresne t=late s=Ma situation
Bonjour,

Je me permets de vous écrire car je ne sais plus vers qui me tourner. Je vais essayer de tout reprendre depuis le début pour que ce soit clair.

Nous avons acheté une maison à Pont-de-Vaux au printemps, une maison ancienne que nous rénovons petit à petit. Mon mari est artisan et moi je fais de la comptabilité à domicile pour plusieurs petites entreprises, donc internet est vraiment indispensable pour nous. Avant la signature, l'agent immobilier nous avait assuré que la commune était "fibrée", et votre site indiquait bien que l'adresse était éligible.

Fin mai, j'ai souscrit l'offre fibre en boutique à Mâcon. Le vendeur a été très aimable, nous avons aussi pris deux forfaits mobiles et tout s'est bien passé de ce côté. Les lignes mobiles fonctionnent, les factures sont correctes, je n'ai rien à redire.

En revanche, pour la fibre, voici ce qui s'est passé : un premier technicien est venu en juin et a dit que le boîtier dans la rue était plein. Un second est venu en juillet, il a dit que le fourreau qui arrive à la maison était écrasé et qu'il fallait faire des travaux sur le domaine public. Depuis, plus rien : votre service me répond à chaque appel que "le dossier est en cours chez l'opérateur d'infrastructure".

Cela fait maintenant plus de quatre mois que nous attendons ce raccordement. Je travaille avec une clé 4G qui coûte une fortune. Pouvez-vous me dire concrètement qui doit faire ces travaux, quand ils auront lieu, et si vous pouvez suspendre la facturation de la box en attendant ?

Merci par avance,
Hélène Dufresne
[[06 47 83 12 95]]
""")

CORPUS.append(r"""
### refund_missing
--- email en n=Thomas_Whelan s=Complaint - long overdue refund
Dear Sir or Madam,

I'm writing to make a formal complaint, and I apologise in advance for the length of this email, but I think the history matters.

I have been a Lumio customer since 2022, first with a mobile plan and then also with home broadband when we moved to Montpellier. Overall the service has been fine, and the technician who installed our fibre last year was excellent.

In {{MEN-1}} we had a problem with our bill: we were charged for a second TV decoder that we never had. I called your support line, and after about forty minutes on hold, a very helpful agent called Nadia agreed that it was a mistake. She removed the decoder from our account and told me that the three months we had been overcharged (€8.99 each, so €26.97 in total) would be refunded to our bank account within two weeks. She even sent me a confirmation by SMS.

That was almost two months ago. No refund has arrived. I have checked our bank statements carefully. The decoder no longer appears on the bill, so that part was fixed, but the money was never returned. When I tried to use the chat last week, the agent could not see any refund in progress and told me to write to you.

I would therefore like the refund of €26.97 to be processed without further delay, to the account the direct debits are taken from, and I would appreciate a written confirmation once it has been done.

Yours faithfully,
Thomas Whelan
[[thomas.whelan@gmail.com]]
[[+33 6 12 34 56 78]]
""")

CORPUS.append(r"""
### cancellation_not_processed
--- email fr n=Yvette_Carpentier t=late s=Re: Re: Votre demande de résiliation
Bonjour,

Je reprends ce fil car je n'ai toujours pas de solution. Je vous rappelle la situation : ma mère, Mme Odette Carpentier, est entrée en EHPAD en juin. Elle n'a plus besoin de sa ligne fixe ni de sa box. J'ai sa procuration et j'ai envoyé tous les justificatifs demandés (attestation de l'établissement, copie de sa pièce d'identité, procuration signée) par courrier puis par mail.

On m'a répondu deux fois que la demande était "bien prise en compte". Pourtant les prélèvements continuent sur son compte, 41,98 € chaque mois. Sa retraite est modeste et je gère son budget au centime près.

Je ne comprends pas pourquoi une résiliation pour entrée en maison de retraite, qui devrait être simple et sans frais, prend plus de trois mois. Je demande l'arrêt immédiat des prélèvements et le remboursement des mois facturés depuis juillet.

Yvette Carpentier
[[06 72 18 40 63]]

{{QFR}}
> Bonjour Madame Carpentier,
> Nous accusons réception de vos justificatifs. Votre demande de résiliation a bien été prise en compte et sera traitée dans les meilleurs délais.
> Nous restons à votre disposition.
> Cordialement,
> Amandine, Service Client Lumio
>
> Le {{D-45}} à 09:15, Yvette Carpentier a écrit :
>> Bonjour, vous trouverez ci-joint les justificatifs pour la résiliation de la ligne de ma mère.
""")

CORPUS.append(r"""
### slow_internet
--- chat fr
salut, mon wifi est down la moitié du temps, j'ai fait un reset de la box, toujours la meme chose, le ping est horrible sur mes games online. c'est un probleme de bandwidth chez vous ou quoi ?

### sim_activation
--- email en s=New line not working
<html><body><p>Hi,</p><p>I joined Lumio online on Saturday and received the SIM on Tuesday. I followed the activation steps in the leaflet and entered the activation code in the app. The app said "Your line will be active within 2 hours". That was 3 days ago.&nbsp;The phone still shows "No SIM" / "Emergency calls only".</p><p>I also tried the SIM in my partner's phone, same thing, so it's not the handset.</p><p>Could you check what's wrong with the activation please?</p><p>Many thanks,<br>Priya Raman<br>[[priya.raman@outlook.com]]</p></body></html>

### fraud_phishing
--- email fr s=Paiement frauduleux ?
Bonjour,
Je vois sur mon compte bancaire un paiement de 399 € à "LUMIO BOUTIQUE EN LIGNE" que je n'ai pas fait. Ma carte se terminant par 7788 a été utilisée. Avez-vous une commande à mon nom ? Je n'ai rien commandé, j'ai fait opposition sur la carte {{CARDD}}.
Merci de vérifier rapidement,
Didier Faure
""")


if __name__ == "__main__":
    build()
