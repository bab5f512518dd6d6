"""People and their devices.

Tables made here (in the workspace):
- `persons`: one row per real person, with the canonical identifiers the
  warehouse should resolve (email lower case, phone E.164, user_id) and the
  causal model's per-person propensity.
- `devices`: one row per browser/device (anonymous_id) of a person.
"""

from __future__ import annotations

import numpy as np
from faker import Faker

from . import catalog as cat
from .context import Ctx, choice_weighted, rank_within, repeat_index, sql_list

FREE_MAIL = [
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "icloud.com",
    "hotmail.com",
    "proton.me",
    "gmx.de",
    "web.de",
]


def name_pools(seed: int, size: int = 400) -> tuple[list[str], list[str], list[str]]:
    """Faker pools of ascii first names, last names and company domains."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    firsts = sorted({fake.first_name() for _ in range(size)})
    lasts = sorted({fake.last_name() for _ in range(size)})
    domains = sorted({fake.domain_name() for _ in range(size // 2)})
    return firsts, lasts, domains


def build(ctx: Ctx) -> int:
    rng = ctx.rng("people")
    n = max(50, int(round(5000 * ctx.scale)))

    country = choice_weighted(rng, [c[1] for c in cat.COUNTRIES], n)
    is_b2b = rng.random(n) < 0.25
    propensity = rng.normal(0.0, cat.PROPENSITY_SD, n)
    has_email = (rng.random(n) < 0.85) | is_b2b  # a b2b lead always leaves an email
    has_phone = rng.random(n) < 0.55
    has_user_id = rng.random(n) < 0.50
    email_sub = has_email & (rng.random(n) < 0.60)
    sms_sub = has_phone & (rng.random(n) < 0.35)
    whatsapp_sub = has_phone & (rng.random(n) < 0.20)
    push_sub = rng.random(n) < 0.25
    n_devices = rng.choice([1, 2, 3], size=n, p=[0.55, 0.33, 0.12])
    tz_off = np.zeros(n, dtype=np.int32)
    for ci, c in enumerate(cat.COUNTRIES):
        mask = country == ci
        tz_off[mask] = rng.choice(c[3], size=int(mask.sum()))
    firsts, lasts, domains = name_pools(ctx.seed)
    first_idx = rng.integers(0, len(firsts), n)
    last_idx = rng.integers(0, len(lasts), n)
    mail_idx = rng.integers(0, len(FREE_MAIL), n)
    domain_idx = rng.integers(0, len(domains), n)
    email_pattern = rng.integers(0, 3, n)
    phone_format = rng.choice(4, size=n, p=[0.5, 0.25, 0.15, 0.10])
    # Unique national subscriber numbers: a bijection of the person index.
    national = (np.arange(n, dtype=np.int64) * 7919 + rng.integers(0, 10**6)) % 10**7

    ctx.register(
        "persons_n",
        {
            "pid": np.arange(n, dtype=np.int64),
            "country": country.astype(np.int16),
            "is_b2b": is_b2b,
            "propensity": propensity,
            "has_email": has_email,
            "has_phone": has_phone,
            "has_user_id": has_user_id,
            "email_sub": email_sub,
            "sms_sub": sms_sub,
            "whatsapp_sub": whatsapp_sub,
            "push_sub": push_sub,
            "n_devices": n_devices.astype(np.int16),
            "tz_off": tz_off,
            "first_idx": first_idx,
            "last_idx": last_idx,
            "mail_idx": mail_idx,
            "domain_idx": domain_idx,
            "email_pattern": email_pattern.astype(np.int8),
            "phone_format": phone_format.astype(np.int8),
            "national": national,
            "area": rng.integers(201, 990, n),
        },
    )
    countries = [c[0] for c in cat.COUNTRIES]
    ccodes = [c[4] for c in cat.COUNTRIES]
    nat_len = [str(c[5]) for c in cat.COUNTRIES]
    prefixes = [c[6] for c in cat.COUNTRIES]
    currencies = [c[2] for c in cat.COUNTRIES]
    salt = ctx.md5_prefix("person")
    ctx.sql(f"""
        create or replace table persons as
        with names as (
            select
                *,
                regexp_replace(lower(pick({sql_list(firsts)}, first_idx)), '[^a-z]', '', 'g') as first_name,
                regexp_replace(lower(pick({sql_list(lasts)}, last_idx)), '[^a-z]', '', 'g') as last_name,
                pick({sql_list(ccodes)}, country) as phone_cc,
                pick({sql_list(prefixes)}, country) as phone_prefix,
                pick({sql_list(nat_len)}, country)::int as phone_len
            from persons_n
        ),
        ids as (
            select
                *,
                case when has_email then
                    case email_pattern
                        when 0 then first_name || '.' || last_name
                        when 1 then first_name || last_name
                        else left(first_name, 1) || '.' || last_name
                    end || pid::varchar || '@'
                    || case when is_b2b then pick({sql_list(domains)}, domain_idx) else pick({sql_list(FREE_MAIL)}, mail_idx) end
                end as email,
                case when has_phone then
                    phone_prefix
                    || case when phone_cc = '1' then area::varchar else '' end
                    || lpad(national::varchar, 7, '0')
                end as phone_national_raw,
                case when has_user_id then 'usr_' || left(md5({salt} || pid::varchar), 16) end as user_id
            from names
        )
        select
            pid,
            'P' || lpad(pid::varchar, 7, '0') as person_key,
            pick({sql_list(countries)}, country) as country,
            pick({sql_list(currencies)}, country) as currency,
            is_b2b, propensity, has_email, has_phone, has_user_id,
            email_sub, sms_sub, whatsapp_sub, push_sub, n_devices, tz_off,
            upper(left(first_name, 1)) || substr(first_name, 2) as first_name, upper(left(last_name, 1)) || substr(last_name, 2) as last_name,
            email,
            -- pad the national number to the country's length, deterministically
            case when has_phone then '+' || phone_cc || rpad(phone_national_raw, phone_len, '0') end as phone_e164,
            case when has_phone then
                case phone_format
                    when 0 then '+' || phone_cc || rpad(phone_national_raw, phone_len, '0')
                    when 1 then '+' || phone_cc || ' ' || substr(rpad(phone_national_raw, phone_len, '0'), 1, 3)
                        || ' ' || substr(rpad(phone_national_raw, phone_len, '0'), 4, 3)
                        || ' ' || substr(rpad(phone_national_raw, phone_len, '0'), 7)
                    when 2 then phone_cc || '-' || substr(rpad(phone_national_raw, phone_len, '0'), 1, 3)
                        || '-' || substr(rpad(phone_national_raw, phone_len, '0'), 4)
                    else '+' || phone_cc || ' (' || substr(rpad(phone_national_raw, phone_len, '0'), 1, 3) || ') '
                        || substr(rpad(phone_national_raw, phone_len, '0'), 4, 3) || '-'
                        || substr(rpad(phone_national_raw, phone_len, '0'), 7)
                end
            end as phone_raw,
            user_id
        from ids
    """)

    # --- devices ---------------------------------------------------------------------
    d_pid = repeat_index(n_devices)
    d_rank = rank_within(d_pid)
    nd = len(d_pid)
    dev_type = np.where(
        d_rank == 0,
        rng.choice(3, size=nd, p=[0.55, 0.40, 0.05]),
        rng.choice(3, size=nd, p=[0.25, 0.60, 0.15]),
    )
    ua_lists = [cat.USER_AGENTS[t] for t in cat.DEVICE_TYPES]
    ua_offsets = np.cumsum([0] + [len(x) for x in ua_lists])[:-1]
    ua_counts = np.array([len(x) for x in ua_lists])
    ua_idx = ua_offsets[dev_type] + (rng.random(nd) * ua_counts[dev_type]).astype(np.int64)
    consent = rng.choice([1, 0, -1], size=nd, p=[0.88, 0.06, 0.06]).astype(np.int8)
    ip = rng.integers(16_777_216, 3_758_096_383, nd, dtype=np.int64)
    has_tag_session = rng.random(nd) < 0.92
    ctx.register(
        "devices_n",
        {
            "did": np.arange(nd, dtype=np.int64),
            "pid": d_pid,
            "dev_rank": d_rank.astype(np.int16),
            "dev_type": dev_type.astype(np.int8),
            "ua_idx": ua_idx,
            "consent": consent,
            "ip": ip,
            "has_tag_session": has_tag_session,
        },
    )
    flat = [u for lst in ua_lists for u in lst]
    dsalt = ctx.md5_prefix("device")
    ctx.sql(f"""
        create or replace table devices as
        select
            did, pid, dev_rank,
            pick({sql_list(cat.DEVICE_TYPES)}, dev_type) as device_type,
            pick({sql_list([u[0] for u in flat])}, ua_idx) as user_agent,
            pick({sql_list([u[1] for u in flat])}, ua_idx) as os,
            pick({sql_list([u[2] for u in flat])}, ua_idx) as browser,
            case consent when 1 then true when 0 then false end as consent_marketing,
            (ip >> 24)::varchar || '.' || ((ip >> 16) & 255)::varchar || '.'
                || ((ip >> 8) & 255)::varchar || '.' || (ip & 255)::varchar as ip_address,
            has_tag_session,
            -- uuid-looking first-party cookie id
            regexp_replace(md5({dsalt} || did::varchar), '^(.{{8}})(.{{4}})(.{{4}})(.{{4}})(.{{12}})$', '\\1-\\2-\\3-\\4-\\5') as anonymous_id
        from devices_n
    """)
    ctx.sql("drop table persons_n; drop table devices_n")
    return n
