{%- set max_age_days = mta.setting('mta_export_click_max_age_days') -%}
{%- set session_minutes = mta.setting('mta_session_timeout_minutes') -%}

with

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

consent as (
    select * from {{ ref('int_conversion_consent') }}
),

keyed_rows as (
    select * from {{ ref('int_conversion_rows_keyed') }}
),

click_ids as (
    select * from {{ ref('int_click_ids_classified') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

paths as (
    {#- the touches of the conversion paths: the converting journeys -#}
    select
        conversion_id,
        touchpoint_id,
        touched_at
    from {{ ref('int_journey_touchpoints') }}
    where is_converted
),

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

web_events as (
    select * from {{ ref('stg_web__events') }}
),

hash_forms as (
    select * from {{ ref('stg_exports__identifier_hash_forms') }}
),

attributable_conversions as (
    select conversions.*
    from conversions
    where conversions.is_attributable
),

browser_event_ids as (
    select
        keyed_rows.conversion_id,
        min(keyed_rows.conversion_event_id) as browser_event_id
    from keyed_rows
    where
        keyed_rows.collector = 'browser'
        and not keyed_rows.is_refund
    group by keyed_rows.conversion_id
),

person_contact_hashes as (
    select
        identifiers.person_id,
        min(case when identifiers.identifier_type = 'email' then identifiers.identifier_value end) as email_hash,
        min(case when identifiers.identifier_type = 'phone' then identifiers.identifier_value end) as phone_hash
    from identifiers
    where
        identifiers.person_id is not null
        and not coalesce(identifiers.is_oversized_component, false)
    group by identifiers.person_id
),

-- every click id that could go back to a platform, with where it came from
click_candidates as (
    select
        attributable_conversions.conversion_id,
        attributable_conversions.click_id,
        1 as candidate_priority,
        attributable_conversions.converted_at as candidate_at
    from attributable_conversions
    where attributable_conversions.click_id is not null

    union all

    select
        attributable_conversions.conversion_id,
        contacts.gclid as click_id,
        2 as candidate_priority,
        attributable_conversions.converted_at as candidate_at
    from attributable_conversions
    inner join contacts
        on attributable_conversions.contact_id = contacts.contact_id
    where
        attributable_conversions.is_deal_stage
        and contacts.gclid is not null

    union all

    select
        paths.conversion_id,
        touchpoints.click_id,
        3 as candidate_priority,
        paths.touched_at as candidate_at
    from paths
    inner join touchpoints
        on paths.touchpoint_id = touchpoints.touchpoint_id
    where touchpoints.click_id is not null
),

usable_clicks as (
    select
        click_candidates.conversion_id,
        click_candidates.click_id,
        click_candidates.candidate_priority,
        click_candidates.candidate_at,
        click_ids.click_id_param,
        click_ids.first_seen_at as clicked_at,
        case
            when click_ids.click_id_param in ('gclid', 'gbraid', 'wbraid') then 'google'
            when click_ids.click_id_param = 'fbclid' then 'meta'
        end as click_network
    from click_candidates
    inner join click_ids
        on click_candidates.click_id = click_ids.click_id
    inner join attributable_conversions
        on click_candidates.conversion_id = attributable_conversions.conversion_id
    where
        not click_ids.has_consent_refusal
        and (
            click_ids.first_seen_at is null
            or (
                click_ids.first_seen_at <= attributable_conversions.converted_at
                and attributable_conversions.converted_at
                <= {{ dbt.dateadd('day', max_age_days, 'click_ids.first_seen_at') }}
            )
        )
),

ranked_clicks as (
    select
        usable_clicks.*,
        row_number() over (
            partition by usable_clicks.conversion_id, usable_clicks.click_network
            order by
                usable_clicks.candidate_priority asc,
                usable_clicks.candidate_at desc,
                usable_clicks.click_id asc
        ) as click_rank
    from usable_clicks
    where usable_clicks.click_network is not null
),

google_clicks as (
    select ranked_clicks.*
    from ranked_clicks
    where
        ranked_clicks.click_network = 'google'
        and ranked_clicks.click_rank = 1
),

meta_clicks as (
    select ranked_clicks.*
    from ranked_clicks
    where
        ranked_clicks.click_network = 'meta'
        and ranked_clicks.click_rank = 1
),

-- web events of the conversion's visitor around the conversion time
session_candidates as (
    {%- for key_column, match_priority in [('anonymous_id', 1), ('user_id', 2)] %}
    select
        attributable_conversions.conversion_id,
        {{ match_priority }} as match_priority,
        web_events.event_id,
        web_events.user_agent,
        web_events.page_url,
        abs({{ mta.seconds_between('web_events.occurred_at', 'attributable_conversions.converted_at') }})
            as seconds_apart
    from attributable_conversions
    inner join web_events
        on attributable_conversions.{{ key_column }} = web_events.{{ key_column }}
    where
        web_events.user_agent is not null
        and web_events.page_url is not null
        and web_events.occurred_at
        >= {{ dbt.dateadd('minute', -session_minutes, 'attributable_conversions.converted_at') }}
        and web_events.occurred_at
        <= {{ dbt.dateadd('minute', session_minutes, 'attributable_conversions.converted_at') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

converting_sessions as (
    select
        session_candidates.conversion_id,
        session_candidates.user_agent,
        session_candidates.page_url,
        row_number() over (
            partition by session_candidates.conversion_id
            order by
                session_candidates.match_priority asc,
                session_candidates.seconds_apart asc,
                session_candidates.event_id asc
        ) as session_rank
    from session_candidates
),

final as (
    select
        attributable_conversions.conversion_id,
        attributable_conversions.order_id,
        attributable_conversions.conversion_type,
        attributable_conversions.collector,
        attributable_conversions.converted_at,
        attributable_conversions.revenue,
        attributable_conversions.gross_revenue,
        attributable_conversions.refunded_revenue,
        (
            attributable_conversions.refunded_revenue > 0 and attributable_conversions.revenue <= 0
        ) as is_refunded_in_full,
        attributable_conversions.person_id,
        attributable_conversions.is_deal_stage,
        attributable_conversions.deal_id,
        attributable_conversions.contact_id,
        coalesce(
            browser_event_ids.browser_event_id,
            attributable_conversions.conversion_event_id,
            attributable_conversions.conversion_id
        ) as pixel_event_id,
        coalesce(attributable_conversions.email_hash, person_contact_hashes.email_hash) as email_hash,
        coalesce(attributable_conversions.phone_hash, person_contact_hashes.phone_hash) as phone_hash,
        google_emails.google_identifier_hash as google_email_hash,
        google_phones.google_identifier_hash as google_phone_hash,
        attributable_conversions.user_id,
        coalesce(consent.has_consent_refusal, false) as has_consent_refusal,
        google_clicks.click_id as google_click_id,
        google_clicks.click_id_param as google_click_id_type,
        google_clicks.clicked_at as google_clicked_at,
        case google_clicks.candidate_priority
            when 1 then 'conversion'
            when 2 then 'contact'
            when 3 then 'path'
        end as google_click_id_origin,
        meta_clicks.click_id as fbclid,
        meta_clicks.clicked_at as fb_clicked_at,
        converting_sessions.user_agent as client_user_agent,
        converting_sessions.page_url as event_source_url
    from attributable_conversions
    left join consent
        on attributable_conversions.conversion_id = consent.conversion_id
    left join browser_event_ids
        on attributable_conversions.conversion_id = browser_event_ids.conversion_id
    left join person_contact_hashes
        on attributable_conversions.person_id = person_contact_hashes.person_id
    left join google_clicks
        on attributable_conversions.conversion_id = google_clicks.conversion_id
    left join meta_clicks
        on attributable_conversions.conversion_id = meta_clicks.conversion_id
    left join converting_sessions
        on
            attributable_conversions.conversion_id = converting_sessions.conversion_id
            and converting_sessions.session_rank = 1
    left join hash_forms as google_emails
        on
            google_emails.identifier_type = 'email'
            and coalesce(attributable_conversions.email_hash, person_contact_hashes.email_hash)
            = google_emails.identifier_hash
    left join hash_forms as google_phones
        on
            google_phones.identifier_type = 'phone'
            and coalesce(attributable_conversions.phone_hash, person_contact_hashes.phone_hash)
            = google_phones.identifier_hash
)

select * from final
