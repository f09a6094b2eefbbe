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
order), ``g=s|l`` (short <= 7 days or long gap after the previous message of the
chain), ``t=late|early|spike|summer`` (date window) and ``s=<subject>``, which
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
    for (section, key), members in chains.items():
        window = members[0]["opts"].get("t", DEFAULT_WINDOW.get(section, "any"))
        lo, hi = WINDOWS[window]
        gaps = []
        for m in members[1:]:
            g = m["opts"].get("g", "s")
            gaps.append(dt.timedelta(hours=rng.randrange(6, 7 * 24)) if g == "s"
                        else dt.timedelta(days=rng.randrange(14, 46), hours=rng.randrange(24)))
        span = sum(gaps, dt.timedelta())
        t0 = random_time(rng, lo, max(lo + dt.timedelta(hours=1), min(hi, END - span)), members[0]["channel"])
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
            anonymous = (not is_chain and m["channel"] in ("chat", "social") and rng.random() < 0.3)
            m["customer_id"] = "" if anonymous or (not is_chain and rng.random() < 0.03) else cid
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
            "subject": filler.fill(it["subject"], it["when"]),
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
--- email fr s=Demande d'explication
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
