{{ config(**mta.partitioned_incremental_config()) }}
{#- The deduplication key over the raw columns. Rows sharing the row key (the raw
    text of the same columns) share it too, so its groups cover both keys. #}
{%- set row_keys = [
    mta.clean_identifier('event_id'),
] %}
{%- set window = mta.late_data_window('web_events', 'occurred_at', row_keys) %}

with

{#- Incremental: the rebuilt partitions' rows and their key groups (macros/incremental). #}
source_rows as (
    {{ mta.incremental_source_rows('web_events', 'occurred_at', row_keys, window) }}
),

bot_user_agent_patterns as (
    select * from {{ mta.seed_ref('bot_user_agent_patterns') }}
),

vocab_source_aliases as (
    select * from {{ ref('stg_reference__utm_source_aliases') }}
),

vocab_medium_aliases as (
    select * from {{ ref('stg_reference__utm_medium_aliases') }}
),

vocab_source_categories as (
    select * from {{ ref('stg_reference__source_categories') }}
),

vocab_referrer_domains as (
    select * from {{ ref('stg_reference__referrer_domains') }}
),

vocab_click_id_params as (
    select * from {{ ref('stg_reference__click_id_params') }}
),

vocab_channel_rules as (
    select * from {{ ref('stg_reference__channel_rules') }}
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('web_events', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('event_id') }} as row_key,
        {{ mta.clean_identifier('event_id') }} as event_id,
        {{ mta.clean_lower('event_type') }} as event_type,
        {{ mta.parse_iso_timestamp(mta.as_text('occurred_at')) }} as occurred_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('occurred_at')) }} as lacks_utc_offset,
        {{ mta.clean_identifier('anonymous_id') }} as anonymous_id,
        {{ mta.clean_identifier('user_id') }} as user_id,
        {{ mta.email_hash(mta.as_text('email')) }} as email_hash,
        {{ mta.clean_identifier('session_id') }} as session_id,
        nullif(trim({{ mta.as_text('page_url') }}), '') as page_url,
        nullif(trim({{ mta.as_text('referrer_url') }}), '') as referrer_url,
        nullif(trim({{ mta.as_text('user_agent') }}), '') as user_agent,
        {{ mta.ip_hash('ip_address') }} as ip_hash,
        {{ mta.safe_cast_boolean('consent_marketing') }} as consent_marketing,
        _raw_fingerprint as raw_fingerprint,
        raw_row_json
    from source_with_json
),

with_user_agent_key as (
    select
        *,
        lower(user_agent) as user_agent_key
    from typed
),

{{ mta.classify_channel_ctes('with_user_agent_key', 'events_classified', 'page_url', 'referrer_url') }},

{{ mta.bot_user_agents_cte('with_user_agent_key') }},

checked as (
    select
        events_classified.*,
        case
            when events_classified.user_agent_key is null then null
            when
                events_classified.user_agent_key like '%ipad%'
                or events_classified.user_agent_key like '%tablet%'
                then 'tablet'
            when
                events_classified.user_agent_key like '%mobi%'
                or events_classified.user_agent_key like '%iphone%'
                or events_classified.user_agent_key like '%android%'
                then 'mobile'
            else 'desktop'
        end as device_type,
        {{ mta.quarantine_reason_case({
            'missing_key': 'events_classified.event_id is null',
            'missing_utc_offset': 'events_classified.lacks_utc_offset',
            'unparseable_timestamp': 'events_classified.occurred_at is null',
            'implausible_timestamp': mta.is_implausible_timestamp('events_classified.occurred_at'),
            'invalid_value': 'events_classified.event_type is null',
            'bot': 'bot_user_agents.user_agent_key is not null',
        }) }} as invalid_reason
    from events_classified
    left join bot_user_agents
        on events_classified.user_agent_key = bot_user_agents.user_agent_key
),

duplicates_ranked as (
    select
        *,
        {{ mta.event_partition_date('occurred_at') }} as partition_date,
        row_number() over (
            partition by event_id, invalid_reason is null
            order by occurred_at, raw_row_json
        ) as duplicate_rank
    from checked
),

rows_identified as (
    select
        row_key,
        {{ mta.base_row_id('partition_date') }} as base_row_id,
        coalesce(
            invalid_reason,
            case when duplicate_rank > 1 then 'duplicate_event' end
        ) as quarantine_reason,
        event_id,
        event_type,
        occurred_at,
        anonymous_id,
        user_id,
        email_hash,
        session_id,
        page_url,
        page_host,
        page_path,
        referrer_url,
        referrer_host,
        referrer_source,
        referrer_category,
        is_external_referrer,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        url_click_id as click_id,
        url_click_id_param as click_id_param,
        has_utm,
        has_utm or url_click_id is not null as has_campaign_evidence,
        channel,
        user_agent,
        device_type,
        ip_hash,
        consent_marketing,
        utm_source_category,
        raw_fingerprint,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json,
        partition_date,
        -- the URL as the marts show it (marketing parameters only; classify_channel_ctes
        -- reduces each distinct URL once), for staged rows
        case
            when invalid_reason is null and duplicate_rank = 1 then page_marketing_url
        end as marketing_page_url,
        case
            when invalid_reason is null and duplicate_rank = 1 then referrer_marketing_url
        end as marketing_referrer_url
    from duplicates_ranked
),

-- filtered after the row ids are numbered over whole key groups
final as (
    select rows_identified.*
    from rows_identified
    where {{ mta.in_late_data_window('partition_date', window) }}
)

select * from final
{{- mta.emptied_partition_rows(window) }}
