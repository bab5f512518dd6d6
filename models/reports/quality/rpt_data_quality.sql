{#-
    Data-quality audit: one row per check per day. See _quality__models.yml
    for the checks; thresholds are vars mta_dq_<check_name>_threshold (macro
    dq_threshold) and a check warns when its value is above its threshold.
    Snapshot checks (CRM state) are dated on the build's UTC date.
-#}
{%- set thresholds = {
    'utm_source_spellings': 1,
    'utm_medium_spellings': 1,
    'utm_value_entropy': 0.1,
    'paid_sessions_missing_click_id': 0.05,
    'session_click_ids_not_in_click_log': 0.05,
    'duplicate_contacts': 0,
    'stale_lifecycle_stages': 0,
    'crm_won_deals_count_gap': 0,
    'crm_won_deals_amount_gap': 0.01,
    'unmatched_conversions': 0.1,
    'bot_share': 0.01,
    'quarantined_rows': 0,
    'platform_claims_ratio': 1.2,
    'timestamps_missing_utc_offset': 0,
    'conflicting_duplicates': 0,
    'click_costs_unusable': 0,
} -%}
{%- set paid_list = "'" ~ (mta.paid_channel_names() | join("', '")) ~ "'" -%}
{%- set quarantine_detail = "quarantine_key || '=' || cast(n_rows as " ~ dbt.type_string() ~ ")" -%}
{%- set check_key = "all_checks.check_name || ':' || cast(all_checks.check_date as " ~ dbt.type_string() ~ ")" -%}

with

web_events as (
    select * from {{ ref('stg_web__events') }}
),

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

message_events as (
    select * from {{ ref('stg_messaging__events') }}
),

base_web_events as (
    select * from {{ ref('base_web__events') }}
),

base_deals as (
    select * from {{ ref('base_crm__deals') }}
),

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

sessions as (
    select * from {{ ref('int_web_sessions_sessionized') }}
),

click_ids as (
    select * from {{ ref('int_click_ids_classified') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

platform_claims as (
    select * from {{ ref('rpt_platform_claims_vs_reality') }}
),

-- UTM values as written (still URL-encoded) beside their normalized value
utm_observations as (
    {%- for relation, url, at in [
        ('web_events', 'page_url', 'occurred_at'),
        ('ad_clicks', 'landing_page_url', 'clicked_at'),
        ('message_events', 'link_url', 'occurred_at'),
    ] %}
    {%- for field in ['source', 'medium'] %}
    select
        cast({{ relation }}.{{ at }} as date) as check_date,
        '{{ field }}' as utm_field,
        {{ relation }}.utm_{{ field }} as canonical_value,
        {{ mta.url_query_param(relation ~ '.' ~ url, 'utm_' ~ field) }} as raw_value
    from {{ relation }}
    where {{ relation }}.utm_{{ field }} is not null
    {%- if not (loop.last and relation == 'message_events') %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

utm_spelling_counts as (
    select
        check_date,
        utm_field,
        canonical_value,
        raw_value,
        count(*) as n_rows
    from utm_observations
    where raw_value is not null
    group by
        check_date,
        utm_field,
        canonical_value,
        raw_value
),

utm_canonical_stats as (
    select
        check_date,
        utm_field,
        canonical_value,
        count(*) as n_spellings,
        sum(n_rows) as n_rows
    from utm_spelling_counts
    group by
        check_date,
        utm_field,
        canonical_value
),

utm_spellings_ranked as (
    select
        utm_canonical_stats.*,
        row_number() over (
            partition by utm_canonical_stats.check_date, utm_canonical_stats.utm_field
            order by utm_canonical_stats.n_spellings desc, utm_canonical_stats.canonical_value asc
        ) as spelling_rank
    from utm_canonical_stats
),

check_utm_spellings as (
    select
        'utm_' || utm_field || '_spellings' as check_name,
        check_date,
        cast(n_spellings as {{ mta.double_type() }}) as check_value,
        'most raw spellings of one canonical ' || utm_field || ': ' || canonical_value || ' ('
        || cast(n_spellings as {{ dbt.type_string() }}) || ' spellings in '
        || cast(n_rows as {{ dbt.type_string() }}) || ' rows)' as details
    from utm_spellings_ranked
    where spelling_rank = 1
),

-- Shannon entropy (bits) of the raw spellings of each canonical value,
-- averaged over canonical values weighted by rows: 0 when every value is
-- always written the same way
utm_entropy_terms as (
    select
        utm_spelling_counts.check_date,
        utm_spelling_counts.utm_field,
        utm_spelling_counts.canonical_value,
        utm_canonical_stats.n_rows,
        -1.0 * (utm_spelling_counts.n_rows * 1.0 / utm_canonical_stats.n_rows)
        * {{ mta.natural_log('utm_spelling_counts.n_rows * 1.0 / utm_canonical_stats.n_rows') }}
        / {{ mta.natural_log('2.0') }} as entropy_term
    from utm_spelling_counts
    inner join utm_canonical_stats
        on
            utm_spelling_counts.check_date = utm_canonical_stats.check_date
            and utm_spelling_counts.utm_field = utm_canonical_stats.utm_field
            and utm_spelling_counts.canonical_value = utm_canonical_stats.canonical_value
),

utm_entropy_per_value as (
    select
        check_date,
        utm_field,
        canonical_value,
        max(n_rows) as n_rows,
        sum(entropy_term) as entropy_bits
    from utm_entropy_terms
    group by
        check_date,
        utm_field,
        canonical_value
),

check_utm_entropy as (
    select
        'utm_value_entropy' as check_name,
        check_date,
        cast(sum(entropy_bits * n_rows) / sum(n_rows) as {{ mta.double_type() }}) as check_value,
        'row-weighted mean entropy (bits) of raw spellings over '
        || cast(count(*) as {{ dbt.type_string() }}) || ' canonical source/medium values; max '
        || {{ mta.format_decimal('max(entropy_bits)', 3) }} as details
    from utm_entropy_per_value
    group by check_date
),

check_paid_sessions_missing_click_id as (
    select
        'paid_sessions_missing_click_id' as check_name,
        cast(sessions.session_started_at as date) as check_date,
        sum(case when sessions.click_id is null then 1 else 0 end) * 1.0 / count(*) as check_value,
        cast(sum(case when sessions.click_id is null then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }}) || ' paid sessions without a click id' as details
    from sessions
    where
        sessions.channel in (
            {{ paid_list }}
        )
    group by cast(sessions.session_started_at as date)
),

check_session_click_ids_not_in_click_log as (
    select
        'session_click_ids_not_in_click_log' as check_name,
        cast(sessions.session_started_at as date) as check_date,
        sum(case when not coalesce(click_ids.is_in_click_log, false) then 1 else 0 end) * 1.0 / count(*)
            as check_value,
        cast(sum(case when not coalesce(click_ids.is_in_click_log, false) then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }})
        || ' sessions with a click id missing from the click log (ad blockers, tracker gaps)' as details
    from sessions
    left join click_ids
        on sessions.click_id = click_ids.click_id
    where sessions.click_id is not null
    group by cast(sessions.session_started_at as date)
),

surviving_contacts as (
    select contacts.*
    from contacts
    where
        contacts.merged_into_contact_id is null
        and not coalesce(contacts.is_deleted, false)
),

duplicate_emails as (
    select
        surviving_contacts.email_hash,
        count(*) as n_contacts
    from surviving_contacts
    where surviving_contacts.email_hash is not null
    group by surviving_contacts.email_hash
    having count(*) > 1
),

check_duplicate_contacts as (
    select
        'duplicate_contacts' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        cast(count(*) as {{ dbt.type_string() }}) || ' emails on several surviving contacts ('
        || cast(coalesce(sum(n_contacts), 0) as {{ dbt.type_string() }}) || ' contacts)' as details
    from duplicate_emails
),

won_contacts as (
    select distinct deals.contact_id
    from deals
    where deals.stage = 'closed_won'
),

check_stale_lifecycle_stages as (
    select
        'stale_lifecycle_stages' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        cast(count(*) as {{ dbt.type_string() }})
        || ' contacts with a closed-won deal whose lifecycle stage is not customer' as details
    from won_contacts
    inner join contacts
        on won_contacts.contact_id = contacts.contact_id
    where coalesce(contacts.lifecycle_stage, '') <> 'customer'
),

crm_won_deals as (
    select
        count(distinct base_deals.deal_id) as crm_won_deals,
        cast(null as {{ mta.double_type() }}) as crm_won_amount
    from base_deals
    where
        base_deals.stage = 'closed_won'
        and base_deals.deal_id is not null
    union all
    select
        cast(null as bigint) as crm_won_deals,
        sum(deals.amount) as crm_won_amount
    from deals
    where deals.stage = 'closed_won'
),

crm_won_totals as (
    select
        max(crm_won_deals) as crm_won_deals,
        coalesce(max(crm_won_amount), 0) as crm_won_amount
    from crm_won_deals
),

won_conversion_totals as (
    select
        count(*) as won_conversions,
        coalesce(sum(conversions.revenue), 0) as won_revenue
    from conversions
    where conversions.conversion_type = 'deal_closed_won'
),

check_crm_won_deals as (
    select
        'crm_won_deals_count_gap' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(abs(crm_won_totals.crm_won_deals - won_conversion_totals.won_conversions) as {{ mta.double_type() }})
            as check_value,
        cast(crm_won_totals.crm_won_deals as {{ dbt.type_string() }}) || ' closed-won deals in the CRM vs '
        || cast(won_conversion_totals.won_conversions as {{ dbt.type_string() }}) || ' won conversions' as details
    from crm_won_totals
    cross join won_conversion_totals
    union all
    select
        'crm_won_deals_amount_gap' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(abs(crm_won_totals.crm_won_amount - won_conversion_totals.won_revenue) as {{ mta.double_type() }})
            as check_value,
        {{ mta.format_decimal('crm_won_totals.crm_won_amount', 2) }}
        || ' closed-won amount in the CRM (staged deals) vs '
        || {{ mta.format_decimal('won_conversion_totals.won_revenue', 2) }}
        || ' won conversion revenue' as details
    from crm_won_totals
    cross join won_conversion_totals
),

check_unmatched_conversions as (
    select
        'unmatched_conversions' as check_name,
        cast(conversions.converted_at as date) as check_date,
        sum(case when conversions.match_method = 'unmatched' then 1 else 0 end) * 1.0 / count(*) as check_value,
        cast(sum(case when conversions.match_method = 'unmatched' then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }}) || ' conversions matched to no person' as details
    from conversions
    group by cast(conversions.converted_at as date)
),

check_bot_share as (
    select
        'bot_share' as check_name,
        cast(base_web_events.occurred_at as date) as check_date,
        sum(case when base_web_events.quarantine_reason = 'bot' then 1 else 0 end) * 1.0 / count(*) as check_value,
        cast(sum(case when base_web_events.quarantine_reason = 'bot' then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }}) || ' raw web events from bots' as details
    from base_web_events
    where base_web_events.occurred_at is not null
    group by cast(base_web_events.occurred_at as date)
),

quarantine_daily as (
    select
        coalesce(cast(quarantine.quarantined_at as date), {{ mta.dq_run_date() }}) as check_date,
        quarantine.table_name || ':' || quarantine.reason as quarantine_key,
        count(*) as n_rows
    from quarantine
    group by
        coalesce(cast(quarantine.quarantined_at as date), {{ mta.dq_run_date() }}),
        quarantine.table_name || ':' || quarantine.reason
),

check_quarantined_rows as (
    select
        'quarantined_rows' as check_name,
        check_date,
        cast(sum(n_rows) as {{ mta.double_type() }}) as check_value,
        {{ mta.ordered_string_agg(quarantine_detail, ', ', 'quarantine_key') }} as details
    from quarantine_daily
    group by check_date
),

-- raw rows quarantined for one reason, per table: timestamps without a UTC
-- offset (var mta_assume_time_zone reads them) and copies of one key with
-- different figures that no load time orders (one was kept)
{%- for check_name, reason, what in [
    ('timestamps_missing_utc_offset', 'missing_utc_offset', 'timestamps without a UTC offset'),
    ('conflicting_duplicates', 'conflicting_duplicate', 'conflicting copies of a kept row'),
] %}
check_{{ check_name }} as (
    select
        '{{ check_name }}' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        {{ mta.ordered_string_agg(
            "quarantine.table_name || ' ' || quarantine.row_key", ', ', 'quarantine.table_name, quarantine.row_key'
        ) }} || ': {{ what }}' as details
    from quarantine
    where quarantine.reason = '{{ reason }}'
    having count(*) > 0
),

{% endfor -%}

-- staged clicks whose reported cost was unusable (the click counts, its cost is null)
check_click_costs_unusable as (
    select
        'click_costs_unusable' as check_name,
        cast(ad_clicks.clicked_at as date) as check_date,
        cast(count(*) as {{ mta.double_type() }}) as check_value,
        {{ mta.ordered_string_agg(
            "ad_clicks.cost_issue || ' ' || ad_clicks.click_id", ', ', 'ad_clicks.cost_issue, ad_clicks.click_id'
        ) }} || ': clicks staged with a null cost' as details
    from ad_clicks
    where ad_clicks.cost_issue is not null
    group by cast(ad_clicks.clicked_at as date)
),

platform_claims_weekly as (
    select
        platform_claims.week_start,
        max(platform_claims.all_platforms_claimed_conversions) as claimed_conversions,
        max(platform_claims.deduplicated_platform_conversions) as deduplicated_conversions
    from platform_claims
    group by platform_claims.week_start
),

check_platform_claims as (
    select
        'platform_claims_ratio' as check_name,
        week_start as check_date,
        {{ mta.safe_ratio('claimed_conversions', 'deduplicated_conversions') }} as check_value,
        {{ mta.format_decimal('claimed_conversions', 1) }}
        || ' conversions claimed by all platforms in the week vs '
        || cast(deduplicated_conversions as {{ dbt.type_string() }})
        || ' deduplicated conversions with a platform touch' as details
    from platform_claims_weekly
    where claimed_conversions > 0 or deduplicated_conversions > 0
),

all_checks as (
    select * from check_utm_spellings
    union all
    select * from check_utm_entropy
    union all
    select * from check_paid_sessions_missing_click_id
    union all
    select * from check_session_click_ids_not_in_click_log
    union all
    select * from check_duplicate_contacts
    union all
    select * from check_stale_lifecycle_stages
    union all
    select * from check_crm_won_deals
    union all
    select * from check_unmatched_conversions
    union all
    select * from check_bot_share
    union all
    select * from check_quarantined_rows
    union all
    select * from check_platform_claims
    union all
    select * from check_timestamps_missing_utc_offset
    union all
    select * from check_conflicting_duplicates
    union all
    select * from check_click_costs_unusable
),

check_thresholds as (
    {%- for check_name, default in thresholds.items() %}
    select
        '{{ check_name }}' as check_name,
        cast({{ mta.dq_threshold(check_name, default) }} as {{ mta.double_type() }}) as threshold
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        cast({{ mta.sha256_hex(check_key) }} as {{ dbt.type_string() }}) as check_id,
        cast(all_checks.check_name as {{ dbt.type_string() }}) as check_name,
        cast(all_checks.check_date as date) as check_date,
        cast(all_checks.check_value as {{ mta.double_type() }}) as value,  -- noqa: RF04
        cast(check_thresholds.threshold as {{ mta.double_type() }}) as threshold,
        cast(
            case when all_checks.check_value > check_thresholds.threshold then 'warn' else 'pass' end
            as {{ dbt.type_string() }}
        ) as status,
        cast(all_checks.details as {{ dbt.type_string() }}) as details
    from all_checks
    inner join check_thresholds
        on all_checks.check_name = check_thresholds.check_name
    where all_checks.check_date is not null
)

select * from final
