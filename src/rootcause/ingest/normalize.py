"""Value normalisation for ingested columns: dates and channels.

Both work on whole polars columns so that a million-row export stays fast.
"""

from __future__ import annotations

import polars as pl

DATE_FORMATS_HELP = (
    "ISO 8601 (2026-01-31T14:05:00Z, 2026-01-31 14:05, 2026-01-31), "
    "dd/mm/yyyy hh:mm, or epoch seconds/milliseconds"
)

# Offset-aware formats: parsed to UTC, then made naive.
_TZ_FORMATS = (
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M%z",
    "%a, %d %b %Y %H:%M:%S %z",  # RFC 2822 (e-mail headers)
)
_NAIVE_FORMATS = (
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
)
# Day-first formats; the month-first twins are tried for a column only when they
# parse strictly more of its values (a US export), so 05/01/2026 stays 5 January.
_DMY_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
)
_MDY_FORMATS = tuple(f.replace("%d/%m/", "%m/%d/") for f in _DMY_FORMATS if f.startswith("%d/%m/"))

_DATETIME = pl.Datetime("us")


def _prepared(col: str) -> pl.Expr:
    """Strip, turn the ISO `T` into a space and spell UTC offsets so `%z` reads them."""
    e = pl.col(col).str.strip_chars()
    e = e.str.replace(r"^(\d{4}-\d{2}-\d{2})[Tt]", "$1 ")
    # French clock times: "25/05/2026 12h58".
    e = e.str.replace(r"(\d{1,2})[hH](\d{2})$", "$1:$2")
    e = e.str.replace(r"\s*(?:[Zz]|UTC|GMT)$", "+00:00")
    # `+01` (no minutes) is not accepted by `%z`.
    e = e.str.replace(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})$", "${1}${2}00")
    # A space before the offset ("… 10:00 +01:00") is not accepted by `%z` either.
    return e.str.replace(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}:?\d{2})$", "$1$2")


def _try_formats(prepared: pl.Expr, formats: tuple[str, ...], *, tz: bool) -> list[pl.Expr]:
    out = []
    for fmt in formats:
        e = prepared.str.to_datetime(fmt, strict=False, time_unit="us")
        if tz:
            e = e.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        out.append(e.cast(_DATETIME))
    return out


def _epoch(prepared: pl.Expr) -> list[pl.Expr]:
    seconds = (
        pl.when(prepared.str.contains(r"^\d{9,10}(?:\.\d+)?$"))
        .then((prepared.cast(pl.Float64, strict=False) * 1_000_000).cast(pl.Int64, strict=False))
        .otherwise(None)
    )
    millis = (
        pl.when(prepared.str.contains(r"^\d{12,13}$"))
        .then(prepared.cast(pl.Int64, strict=False) * 1_000)
        .otherwise(None)
    )
    return [seconds.cast(_DATETIME), millis.cast(_DATETIME)]


def parse_dates(frame: pl.DataFrame, col: str) -> pl.Series:
    """Parse column `col` of `frame` into naive-UTC datetimes, null where unparseable.

    Already-typed columns (Datetime, Date, integers from Parquet/JSON) are converted
    directly; strings are tried against ISO 8601, day-first, RFC 2822 and epoch forms.

    Returns
    -------
    pl.Series
        Datetime("us") series named `col`, same length as `frame`.
    """
    dtype = frame.schema[col]
    series = frame.get_column(col)
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is not None:
            series = series.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        return series.cast(_DATETIME)
    if dtype == pl.Date:
        return series.cast(_DATETIME)
    if dtype != pl.String:
        frame = frame.with_columns(pl.col(col).cast(pl.String))
    prepared = _prepared(col)
    candidates = (
        _try_formats(prepared, _TZ_FORMATS, tz=True)
        + _try_formats(prepared, _NAIVE_FORMATS, tz=False)
        + _epoch(prepared)
    )
    dmy = _try_formats(prepared, _DMY_FORMATS, tz=False)
    mdy = _try_formats(prepared, _MDY_FORMATS, tz=False)
    counts = frame.select(
        pl.coalesce(dmy).is_not_null().sum().alias("dmy"),
        pl.coalesce(mdy).is_not_null().sum().alias("mdy"),
    ).row(0)
    candidates += mdy + dmy if counts[1] > counts[0] else dmy
    return frame.select(pl.coalesce(candidates).alias(col)).to_series()


# Values seen in Zendesk (via.channel), Salesforce (Origin), Freshdesk (source, incl.
# its numeric codes), Genesys (mediaType) and hand-made exports, after lower-casing
# and turning spaces/dashes into underscores.
_CHANNEL_ALIASES: dict[str, str] = {}
for _canon, _names in {
    "email": "email e_mail mail courriel courrier_electronique mel outbound_email inbound_email 1 10",
    "web_form": "web_form webform web form contact_form formulaire formulaire_web portal web_portal "
    "website site_web site help_center helpcenter web_widget feedback_widget 2 9",
    "phone": "phone telephone téléphone tel tél voice call calls appel callback inbound_call "
    "outbound_call ivr voip 3",
    "chat": "chat live_chat livechat messaging native_messaging whatsapp sms message messenger "
    "webchat web_chat mobile_sdk chat_transcript cobrowse 7",
    "social": "social social_media twitter x facebook instagram instagram_dm linkedin tiktok "
    "reseaux_sociaux réseaux_sociaux facebook_messenger fb_messenger fb twitter_dm x_dm",
    "letter": "letter courrier mail_postal postal post lettre paper",
}.items():
    for _name in _names.split():
        _CHANNEL_ALIASES[_name] = _canon


def normalize_channel(series: pl.Series) -> pl.Series:
    """Map raw channel values onto `schema.CHANNELS`.

    Unknown non-empty values become "other"; empty values stay null.
    """
    key = (
        series.cast(pl.String)
        .str.strip_chars()
        .str.to_lowercase()
        .str.replace_all(r"[\s\-]+", "_")
    )
    mapped = key.replace_strict(_CHANNEL_ALIASES, default="other", return_dtype=pl.String)
    return (
        pl.select(pl.when(key.is_null() | (key == "")).then(None).otherwise(mapped))
        .to_series()
        .alias(series.name)
    )


_LANGUAGE_NAMES = {
    "french": "fr", "francais": "fr", "français": "fr", "fra": "fr", "fre": "fr",
    "english": "en", "anglais": "en", "eng": "en",
    "german": "de", "deutsch": "de", "allemand": "de", "spanish": "es", "espagnol": "es",
    "español": "es", "italian": "it", "italien": "it", "dutch": "nl", "portuguese": "pt",
}  # fmt: skip


def normalize_language(series: pl.Series) -> pl.Series:
    """Language hints ("FR", "fr-FR", "fr_CA", "French") to ISO 639-1 codes; empty → null."""
    low = series.cast(pl.String).str.strip_chars().str.to_lowercase()
    base = low.str.extract(r"^([a-z]{2})(?:[-_][a-z0-9]+)?$", 1)
    named = low.replace_strict(_LANGUAGE_NAMES, default=None, return_dtype=pl.String)
    return (
        pl.select(
            pl.when(low.is_null() | (low == ""))
            .then(None)
            .otherwise(pl.coalesce(base, named, low))
        )
        .to_series()
        .alias(series.name)
    )
