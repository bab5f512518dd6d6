{{ config(**mta.partitioned_incremental_config()) }}
{#- The deduplication key over the raw columns. Rows sharing the row key (the raw
    text of the same columns) share it too, so its groups cover both keys. #}
{%- set row_keys = [
    mta.clean_identifier('message_event_id'),
] %}
{%- set window = mta.late_data_window('message_events', 'occurred_at', row_keys) %}

with

{#- Incremental: the rebuilt partitions' rows and their key groups (macros/incremental). #}
source_rows as (
    {{ mta.incremental_source_rows('message_events', 'occurred_at', row_keys, window) }}
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

vocab_click_id_params as (
    select * from {{ ref('stg_reference__click_id_params') }}
),

vocab_channel_rules as (
    select * from {{ ref('stg_reference__channel_rules') }}
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('message_events', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('message_event_id') }} as row_key,
        {{ mta.clean_identifier('message_event_id') }} as message_event_id,
        {{ mta.normalize_utm_value(mta.as_text('channel')) }} as channel_normalized,
        {{ mta.clean_lower('event_type') }} as event_type,
        {{ mta.parse_iso_timestamp(mta.as_text('occurred_at')) }} as occurred_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('occurred_at')) }} as lacks_utc_offset,
        nullif(trim({{ mta.as_text('campaign_name') }}), '') as campaign_name,
        {{ mta.clean_identifier('contact_id') }} as contact_id,
        {{ mta.clean_identifier('user_id') }} as user_id,
        {{ mta.email_hash(mta.as_text('email')) }} as email_hash,
        {{ mta.phone_hash(mta.as_text('phone')) }} as phone_hash,
        nullif(trim({{ mta.as_text('link_url') }}), '') as link_url,
        _raw_fingerprint as raw_fingerprint,
        raw_row_json
    from source_with_json
),

{{ mta.classify_channel_ctes('typed', 'messages_classified', 'link_url') }},

checked as (
    select
        messages_classified.*,
        coalesce(channel_aliases.medium, messages_classified.channel_normalized) as message_channel,
        {{ mta.quarantine_reason_case({
            'missing_key': 'messages_classified.message_event_id is null',
            'missing_utc_offset': 'messages_classified.lacks_utc_offset',
            'unparseable_timestamp': 'messages_classified.occurred_at is null',
            'implausible_timestamp': mta.is_implausible_timestamp('messages_classified.occurred_at'),
            'invalid_value': "coalesce(channel_aliases.medium, messages_classified.channel_normalized) is null
                or coalesce(channel_aliases.medium, messages_classified.channel_normalized) not in ('email', 'sms', 'whatsapp', 'web_push')
                or messages_classified.event_type is null
                or messages_classified.event_type not in ('sent', 'delivered', 'opened', 'clicked', 'unsubscribed')",
        }) }} as invalid_reason
    from messages_classified
    left join vocab_medium_aliases as channel_aliases
        on messages_classified.channel_normalized = channel_aliases.alias
),

duplicates_ranked as (
    select
        *,
        {{ mta.event_partition_date('occurred_at') }} as partition_date,
        row_number() over (
            partition by message_event_id, invalid_reason is null
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
        message_event_id,
        message_channel as channel,
        event_type,
        occurred_at,
        campaign_name,
        contact_id,
        user_id,
        email_hash,
        phone_hash,
        link_url,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        coalesce(event_type = 'clicked', false) as is_click,
        page_host as link_host,
        raw_fingerprint,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json,
        partition_date,
        -- the URL as the marts show it (marketing parameters only; classify_channel_ctes
        -- reduces each distinct URL once), for staged rows
        case
            when invalid_reason is null and duplicate_rank = 1 then page_marketing_url
        end as marketing_link_url
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
