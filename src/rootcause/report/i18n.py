"""Fixed report text in each language, and numbers and dates formatted per language."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from rootcause.errors import ConfigError

# French typography: a narrow no-break space groups thousands, a no-break space precedes "%".
_NNBSP = "\u202f"
_NBSP = "\u00a0"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Contact drivers report",
        "colon": ": ",
        "subtitle": "Why customers contact us, and whose process causes it",
        "nav_overview": "Overview",
        "nav_drivers": "Drivers",
        "nav_departments": "Departments",
        "nav_data": "Run & data quality",
        "contacts_analysed": "Contacts analysed",
        "contacts_read": "{n} rows read",
        "rejected": "Rejected rows",
        "unassigned": "Unassigned",
        "unassigned_hint": "{n} contacts fit no driver",
        "noise": "Noise",
        "noise_hint": "{n} contacts state no reason: tests, spam, thanks, automatic replies, job seekers, the press, other languages",
        "drivers": "Drivers",
        "n_drivers_one": "{n} driver",
        "n_drivers_many": "{n} drivers",
        "n_departments": "{n} departments with drivers",
        "period": "Period",
        "no_dates": "No dates in the data",
        "weeks": "{n} weeks",
        "languages": "Languages",
        "embedder": "Embedder",
        "version": "rootcause version",
        "run_at": "Run at",
        "seed": "Seed",
        "headline_title": "Where to act first",
        "headline_one": "Fixing this driver would remove {pct} of contacts",
        "headline_many": "Fixing these {n} drivers would remove {pct} of contacts",
        "headline_unreachable": "All drivers together cover {pct} of contacts: the {target} target is out of reach",
        "target": "Target {target}",
        "no_drivers": "No contact drivers were found in this run.",
        "pareto_title": "Pareto of contact drivers",
        "pareto_caption": "Bars: contacts per driver. Line: cumulative share of all contacts.",
        "pareto_more": "Showing the {n} largest of {total} drivers.",
        "pareto_bars": "Contacts",
        "pareto_line": "Cumulative share",
        "overview_trend_title": "Weekly contacts of the top drivers",
        "other_drivers": "Other drivers and unassigned",
        "no_trend": "No dated contacts: trends are not available.",
        "drivers_title": "Drivers ranked by volume",
        "drivers_hint": "Click a column header to sort; click a driver for its exemplars and evidence.",
        "col_rank": "#",
        "col_driver": "Driver",
        "col_contacts": "Contacts",
        "col_share": "Share",
        "col_cumulative": "Cumul.",
        "col_owner": "Owner department",
        "col_theme": "Theme",
        "col_trend": "Weekly trend",
        "col_repeat": "Repeat",
        "col_channels": "Channels",
        "col_languages": "Languages",
        "badge_emerging": "emerging",
        "badge_contested": "contested",
        "badge_avoidable": "avoidable",
        "badge_reviewed": "reviewed",
        "reviewed_hint": "a review decision applies to it: {what}",
        "badge_merged": "+{n} merged",
        "merged_hint": "drivers merged into it: {ids}",
        "driver_id": "Driver id",
        "review": "Review",
        "review_rename": "renamed",
        "review_set_owner": "owner set by a reviewer",
        "review_merge": "drivers merged into it",
        "review_mark": "marked",
        "review_split": "split from a larger driver",
        "review_reviewed": "kept from an earlier review",
        "merged_ids": "Merged into it",
        "open_workbench": "Open in the workbench",
        "kind_irritant": "irritant",
        "kind_value": "value",
        "growth_new": "new driver",
        "growth_hint": "last 4 weeks vs. the weeks before",
        "emerging_hint": "in the last 4 weeks, twice the weekly count before (or new), and more contacts than chance gives a steady driver (under 1 %)",
        "emerging_hint_rate": "in the last 4 weeks, twice the contacts per 1,000 {name} before (or new), and more contacts than chance gives a steady rate (under 1 %)",
        "rate_title": "Contacts per 1,000 {name}",
        "rate_hint": "{n} contacts for {d} {name}: the volume summed over {periods}",
        "periods_week": "the {k} weeks of the volumes file", "periods_month": "the {k} months of the volumes file",
        "periods_total": "the whole export",
        "rate_value": "{value} per 1,000 {name}",
        "contact_rate": "Contact rate",
        "rate_growth": "Rate growth",
        "rate_growth_hint": "contacts per unit of the first volume: last 4 weeks vs. the weeks before",
        "fix_title": "Fix",
        "fix_per_week": "per week",
        "fix_per_volume": "per 1,000 {name}",
        "fix_down": "{change} contacts {unit} since {date}, significant",
        "fix_up": "{change} contacts {unit} since {date}: a significant rise",
        "fix_no_change": "{change} contacts {unit} since {date}: no change yet",
        "fix_too_early": "Not enough data after the fix yet: {weeks} of the {min} weeks needed since {date}",
        "fix_no_baseline": "Not enough data before the fix of {date} to compare ({min} weeks with contacts of this driver needed)",
        "fix_interval": "95% interval: {low} to {high}",
        "fix_rates": "{before} {unit} before ({n_before} contacts), {after} after ({n_after})",
        "fix_live": "Live since",
        "fix_mark": "fix",
        "fix_made_by": "Made by",
        "fix_what": "What changed",
        "fix_link": "Link",
        "runner_up": "Runner-up: {name}",
        "owned_elsewhere": "{share} of its contacts clearly name another department's process: contacts.csv gives them that owner",
        "no_owner": "No owner",
        "confidence": "confidence {pct}",
        "driver_details_title": "Driver details",
        "exemplars": "What customers say",
        "no_exemplars": "No exemplars.",
        "keywords": "Keywords",
        "products": "Products, brands and places mentioned",
        "owner": "Owner",
        "owner_evidence": "Why this owner",
        "growth": "Growth",
        "repeat_rate": "Repeat contacts",
        "channel_mix": "Channel mix",
        "language_mix": "Language mix",
        "weekly_trend": "Weekly contacts",
        "rank": "Rank {n}",
        "back_to_table": "Back to the ranking",
        "departments_title": "Departments",
        "departments_hint": "Each department sees the contacts its own processes caused, whoever answered them.",
        "dept_contacts": "Contacts caused",
        "dept_share": "Share of contacts",
        "dept_drivers": "Drivers owned",
        "dept_attributed": "Contacts naming its process",
        "dept_caused_hint": "Contacts caused: the contacts of the drivers it owns.",
        "dept_attributed_hint": (
            "Read one by one, contacts naming its process: {attributed}. Contacts of its drivers naming another "
            "department's process: {lost}; contacts of other drivers, or of none, naming its own: {gained} "
            "(contacts.csv: owner_department)."
        ),
        "dept_top": "Top drivers",
        "dept_none": "No driver was attributed to this department in this run.",
        "unowned_title": "Drivers without an owner",
        "unowned_hint": "No department could be matched; assign these in the review workflow.",
        "verbatims": "Verbatims",
        "dept_more": "{n} more drivers owned by this department",
        "data_title": "Run and data quality",
        "run_facts": "Run facts",
        "emerging_title": "Emerging drivers",
        "n_contacts": "{n} contacts",
        "undated": "Undated contacts",
        "undated_hint": "{n} without a usable date: counted, but in no week",
        "warnings": "Warnings",
        "warnings_hint": "rows kept with a warning: {n} (see warnings.csv)",
        "uncovered": "Outside the volumes",
        "uncovered_hint": "{n} outside the periods of the volumes file: in no contact rate",
        "rejects_title": "Rejected rows",
        "rejects_hint": "Rows that could not be used, grouped by reason. The rejects file lists every row.",
        "no_rejects": "No row was rejected.",
        "reject_field": "Field",
        "reject_reason": "Reason",
        "reject_fix": "How to fix",
        "reject_count": "Rows",
        "footer": (
            "Generated by rootcause {version} on {date}. Verbatims are redacted: e-mail addresses, phone "
            "numbers, IBANs, card numbers, names, postal addresses, dates of birth and customer numbers "
            "are masked before anything is stored or shown."
        ),
    },
    "fr": {
        "title": "Rapport des motifs de contact",
        "colon": "\u00a0: ",
        "subtitle": "Pourquoi les clients nous contactent, et quel processus en est la cause",
        "nav_overview": "Synthèse",
        "nav_drivers": "Motifs",
        "nav_departments": "Directions",
        "nav_data": "Exécution et qualité des données",
        "contacts_analysed": "Contacts analysés",
        "contacts_read": "{n} lignes lues",
        "rejected": "Lignes rejetées",
        "unassigned": "Non classés",
        "unassigned_hint": "{n} contacts sans motif",
        "noise": "Bruit",
        "noise_hint": "{n} contacts sans demande : tests, spam, remerciements, réponses automatiques, candidatures, presse, autres langues",
        "drivers": "Motifs",
        "n_drivers_one": "{n} motif",
        "n_drivers_many": "{n} motifs",
        "n_departments": "{n} directions concernées",
        "period": "Période",
        "no_dates": "Aucune date dans les données",
        "weeks": "{n} semaines",
        "languages": "Langues",
        "embedder": "Modèle de plongement",
        "version": "Version de rootcause",
        "run_at": "Exécuté le",
        "seed": "Graine",
        "headline_title": "Où agir en priorité",
        "headline_one": "Corriger ce motif supprimerait {pct} des contacts",
        "headline_many": "Corriger ces {n} motifs supprimerait {pct} des contacts",
        "headline_unreachable": "L’ensemble des motifs couvre {pct} des contacts : l’objectif {target} est hors d’atteinte",
        "target": "Objectif {target}",
        "no_drivers": "Aucun motif de contact n’a été trouvé lors de cette exécution.",
        "pareto_title": "Pareto des motifs de contact",
        "pareto_caption": "Barres : contacts par motif. Courbe : part cumulée de l’ensemble des contacts.",
        "pareto_more": "Les {n} motifs les plus importants sur {total}.",
        "pareto_bars": "Contacts",
        "pareto_line": "Part cumulée",
        "overview_trend_title": "Contacts hebdomadaires des principaux motifs",
        "other_drivers": "Autres motifs et non classés",
        "no_trend": "Aucun contact daté : les tendances ne sont pas disponibles.",
        "drivers_title": "Motifs classés par volume",
        "drivers_hint": "Cliquez sur un en-tête pour trier ; cliquez sur un motif pour ses verbatims et ses justifications.",
        "col_rank": "N°",
        "col_driver": "Motif",
        "col_contacts": "Contacts",
        "col_share": "Part",
        "col_cumulative": "Cumul",
        "col_owner": "Direction responsable",
        "col_theme": "Thème",
        "col_trend": "Tendance hebdo.",
        "col_repeat": "Réitérés",
        "col_channels": "Canaux",
        "col_languages": "Langues",
        "badge_emerging": "émergent",
        "badge_contested": "contesté",
        "badge_avoidable": "évitable",
        "badge_reviewed": "revu",
        "reviewed_hint": "une décision de revue s'y applique\u00a0: {what}",
        "badge_merged": "+{n} fusionnés",
        "merged_hint": "motifs fusionnés dans celui-ci\u00a0: {ids}",
        "driver_id": "Identifiant du motif",
        "review": "Revue",
        "review_rename": "renommé",
        "review_set_owner": "responsable fixé par un relecteur",
        "review_merge": "motifs fusionnés dans celui-ci",
        "review_mark": "qualifié",
        "review_split": "issu de la scission d'un motif",
        "review_reviewed": "repris d'une revue antérieure",
        "merged_ids": "Fusionnés dans celui-ci",
        "open_workbench": "Ouvrir dans l'atelier de revue",
        "kind_irritant": "irritant",
        "kind_value": "à valeur",
        "growth_new": "nouveau motif",
        "growth_hint": "4 dernières semaines par rapport aux semaines précédentes",
        "emerging_hint": "sur les 4 dernières semaines, deux fois le volume hebdomadaire d'avant (ou nouveau), et plus de contacts que le hasard n'en donne à un motif stable (moins de 1 %)",
        "emerging_hint_rate": "sur les 4 dernières semaines, deux fois le nombre de contacts pour 1 000 {name} d'avant (ou nouveau), et plus de contacts que le hasard n'en donne à un taux stable (moins de 1 %)",
        "rate_title": "Contacts pour 1 000 {name}",
        "rate_hint": "{n} contacts pour {d} {name}\u00a0: le volume additionné sur {periods}",
        "periods_week": "les {k} semaines du fichier de volumes", "periods_month": "les {k} mois du fichier de volumes",
        "periods_total": "l’export entier",
        "rate_value": "{value} pour 1 000 {name}",
        "contact_rate": "Taux de contact",
        "rate_growth": "Évolution du taux",
        "rate_growth_hint": "contacts par unité du premier volume : 4 dernières semaines par rapport aux semaines précédentes",
        "fix_title": "Correctif",
        "fix_per_week": "par semaine",
        "fix_per_volume": "pour 1\u00a0000 {name}",
        "fix_down": "{change} de contacts {unit} depuis le {date}, significatif",
        "fix_up": "{change} de contacts {unit} depuis le {date} : hausse significative",
        "fix_no_change": "{change} de contacts {unit} depuis le {date} : pas de changement pour l’instant",
        "fix_too_early": "Pas encore assez de données après le correctif : {weeks} semaine(s) sur les {min} nécessaires depuis le {date}",
        "fix_no_baseline": "Pas assez de données avant le correctif du {date} pour comparer ({min} semaines avec des contacts de ce motif nécessaires)",
        "fix_interval": "intervalle à 95 % : de {low} à {high}",
        "fix_rates": "{before} {unit} avant ({n_before} contacts), {after} après ({n_after})",
        "fix_live": "En place depuis le",
        "fix_mark": "correctif",
        "fix_made_by": "Réalisé par",
        "fix_what": "Ce qui a changé",
        "fix_link": "Lien",
        "runner_up": "Autre candidate : {name}",
        "owned_elsewhere": "{share} de ses contacts désignent clairement le processus d'une autre direction : contacts.csv les lui attribue",
        "no_owner": "Sans responsable",
        "confidence": "confiance {pct}",
        "driver_details_title": "Détail des motifs",
        "exemplars": "Ce que disent les clients",
        "no_exemplars": "Aucun verbatim.",
        "keywords": "Mots-clés",
        "products": "Produits, marques et lieux cités",
        "owner": "Responsable",
        "owner_evidence": "Pourquoi cette direction",
        "growth": "Évolution",
        "repeat_rate": "Contacts réitérés",
        "channel_mix": "Répartition par canal",
        "language_mix": "Répartition par langue",
        "weekly_trend": "Contacts par semaine",
        "rank": "Rang {n}",
        "back_to_table": "Retour au classement",
        "departments_title": "Directions",
        "departments_hint": "Chaque direction voit les contacts causés par ses propres processus, quelle que soit l’équipe qui a répondu.",
        "dept_contacts": "Contacts causés",
        "dept_share": "Part des contacts",
        "dept_drivers": "Motifs attribués",
        "dept_attributed": "Contacts désignant son processus",
        "dept_caused_hint": "Contacts causés : les contacts des motifs qui lui sont attribués.",
        "dept_attributed_hint": (
            "Lus un à un, contacts désignant son processus\u00a0: {attributed}. Contacts de ses motifs désignant le "
            "processus d'une autre direction\u00a0: {lost}\u00a0; contacts d'autres motifs, ou d'aucun, désignant le "
            "sien\u00a0: {gained} (contacts.csv\u00a0: owner_department)."
        ),
        "dept_top": "Principaux motifs",
        "dept_none": "Aucun motif n’a été attribué à cette direction lors de cette exécution.",
        "unowned_title": "Motifs sans responsable",
        "unowned_hint": "Aucune direction n’a pu être associée : attribuez-les dans le circuit de revue.",
        "verbatims": "Verbatims",
        "dept_more": "{n} autres motifs attribués à cette direction",
        "data_title": "Exécution et qualité des données",
        "run_facts": "Paramètres de l’exécution",
        "emerging_title": "Motifs émergents",
        "n_contacts": "{n} contacts",
        "undated": "Contacts sans date",
        "undated_hint": "{n} sans date exploitable : dans les totaux, dans aucune semaine",
        "warnings": "Avertissements",
        "warnings_hint": "lignes gardées avec un avertissement : {n} (voir warnings.csv)",
        "uncovered": "Hors des volumes",
        "uncovered_hint": "{n} hors des périodes du fichier de volumes : dans aucun taux de contact",
        "rejects_title": "Lignes rejetées",
        "rejects_hint": "Lignes inutilisables, regroupées par raison. Le fichier des rejets détaille chaque ligne.",
        "no_rejects": "Aucune ligne n’a été rejetée.",
        "reject_field": "Champ",
        "reject_reason": "Raison",
        "reject_fix": "Correction",
        "reject_count": "Lignes",
        "footer": (
            "Généré par rootcause {version} le {date}. Les verbatims sont anonymisés : adresses e-mail, "
            "numéros de téléphone, IBAN, numéros de carte, noms, adresses postales, dates de naissance et "
            "numéros client sont masqués avant tout stockage ou affichage."
        ),
    },
}

# Channel values (`schema.CHANNELS`) as the report shows them.
CHANNEL_NAMES: dict[str, dict[str, str]] = {
    "en": {"email": "e-mail", "web_form": "web form"},
    "fr": {
        "email": "e-mail", "chat": "chat", "web_form": "formulaire web", "phone": "téléphone",
        "social": "réseaux sociaux", "letter": "courrier", "other": "autre",
    },
}

# Business volumes (`--volumes` columns) under their usual names, as a French report says them;
# other column names are shown as given.
VOLUME_NAMES_FR: dict[str, str] = {
    "orders": "commandes", "customers": "clients", "active_customers": "clients actifs",
    "subscribers": "abonnés", "active_subscribers": "abonnés actifs", "accounts": "comptes",
    "active_accounts": "comptes actifs", "users": "utilisateurs", "active_users": "utilisateurs actifs",
    "contracts": "contrats", "deliveries": "livraisons", "shipments": "expéditions", "parcels": "colis",
    "invoices": "factures", "bills": "factures", "payments": "paiements", "transactions": "transactions",
    "sales": "ventes", "bookings": "réservations", "reservations": "réservations", "trips": "trajets",
    "journeys": "trajets", "tickets": "billets", "passengers": "voyageurs", "policies": "contrats",
    "claims": "sinistres", "households": "foyers", "lines": "lignes", "meters": "compteurs", "visits": "visites",
}

# Kinds of noise (`rootcause.noise`) as a French report says them.
NOISE_KINDS_FR: dict[str, str] = {
    "no content": "sans contenu", "automatic reply": "réponse automatique", "thanks only": "remerciements",
    "advertising": "publicité ou arnaque", "not a customer request": "pas une demande de client",
    "other language": "autre langue", "like other noise": "semblable au reste du bruit",
}

# Reject reasons start with one of these (see `rootcause.ingest`); the French report shows a
# short French reason and fix, the rejects file keeps the detailed English one for each row.
REJECT_REASONS_FR: dict[str, tuple[str, str]] = {
    "empty text": ("texte vide", "remplir le message, ou indiquer sa colonne avec --map text=COLONNE"),
    "unparseable date": ("date illisible", "corriger la date, ou indiquer une autre colonne avec --map created_at=COLONNE"),
    "duplicate id": ("identifiant en double", "supprimer la ligne répétée, ou indiquer une colonne d’identifiants uniques avec --map id=COLONNE"),
    "malformed row": ("ligne mal formée", "mettre entre guillemets les champs qui contiennent le séparateur ou un saut de ligne, puis ré-exporter"),
    "invalid JSON line": ("ligne JSON invalide", "réparer ou supprimer la ligne"),
    "not a JSON object": ("élément JSON qui n’est pas un objet", "faire de chaque élément un objet"),
}

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}

LANGUAGES = tuple(STRINGS)


def check_language(language: str) -> str:
    """Return `language` if the report has text for it, else raise `ConfigError`."""
    if language not in STRINGS:
        raise ConfigError(
            f"language={language!r} is not a report language; expected one of {', '.join(LANGUAGES)}. "
            "Pass language='en' or language='fr'."
        )
    return language


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def to_date(value: Any) -> date | None:
    """A `date` from a date, datetime or ISO string; None when absent or unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


class Formatter:
    """Fixed strings and number/date formatting for one report language.

    Parameters
    ----------
    language
        "en" or "fr".

    Examples
    --------
    >>> Formatter("fr").int(1234) == "1\\u202f234"
    True
    >>> Formatter("en").pct(0.125)
    '12.5%'
    """

    def __init__(self, language: str = "en") -> None:
        self.language = check_language(language)
        self.strings = STRINGS[language]

    def t(self, key: str, **values: Any) -> str:
        """The fixed string `key`, with `{placeholders}` filled from `values`."""
        return self.strings[key].format(**values)

    def channel(self, name: str) -> str:
        """A channel value (`email`, `web_form`…) in the report's language; unknown values as given."""
        return CHANNEL_NAMES[self.language].get(name, name)

    def volume(self, name: str) -> str:
        """A business volume's column name ("active_customers") as the report says it."""
        if self.language == "fr":
            return VOLUME_NAMES_FR.get(name.strip().lower(), name.replace("_", " "))
        return name.replace("_", " ")

    def noise_kind(self, kind: str) -> str:
        """A kind of noise ("thanks only") in the report's language."""
        return NOISE_KINDS_FR.get(kind, kind) if self.language == "fr" else kind

    def reject(self, reason: str, fix: str) -> tuple[str, str]:
        """A reject reason and its fix in the report's language (English ones are kept as they are)."""
        if self.language == "fr":
            for prefix, translated in REJECT_REASONS_FR.items():
                if reason.startswith(prefix):
                    return translated
        return reason, fix

    def int(self, value: Any) -> str:
        """A whole number with the language's thousands separator; "–" when missing."""
        if not _is_number(value):
            return "–"
        text = f"{round(value):,}"
        return text.replace(",", _NNBSP) if self.language == "fr" else text

    def num(self, value: Any, digits: int = 1) -> str:
        """A decimal number with the language's separators."""
        if not _is_number(value):
            return "–"
        text = f"{value:,.{digits}f}"
        if self.language == "fr":
            text = text.replace(",", _NNBSP).replace(".", ",")
        return text

    def pct(self, fraction: Any, digits: int = 1) -> str:
        """A fraction (0.125) as a percentage ("12.5%", "12,5 %"); "–" when missing."""
        if not _is_number(fraction):
            return "–"
        text = self.num(100.0 * fraction, digits)
        return f"{text}{_NBSP}%" if self.language == "fr" else f"{text}%"

    def signed_pct(self, fraction: Any) -> str:
        """A relative change (0.8) as a signed percentage ("+80%")."""
        if not _is_number(fraction):
            return "–"
        sign = "+" if fraction > 0 else ("−" if fraction < 0 else "")
        return sign + self.pct(abs(fraction), 0)

    def target(self, key: str) -> str:
        """A Pareto target key ("10") as a percentage ("10%", "10 %")."""
        try:
            return self.pct(float(key) / 100.0, 0)
        except ValueError:
            return key

    def date(self, value: Any) -> str:
        """A date as "3 Mar 2025" / "3 mars 2025"; "–" when missing."""
        day = to_date(value)
        if day is None:
            return "–"
        return f"{day.day} {_MONTHS[self.language][day.month - 1]} {day.year}"

    def short_date(self, value: Any) -> str:
        """A date without its year, for chart axes."""
        day = to_date(value)
        if day is None:
            return ""
        return f"{day.day} {_MONTHS[self.language][day.month - 1]}"
