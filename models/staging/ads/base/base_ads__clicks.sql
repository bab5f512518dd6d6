{{ config(**mta.partitioned_incremental_config()) }}
{#- The deduplication key over the raw columns. Rows sharing the row key (the raw
    text of the same columns) share it too, so its groups cover both keys. #}
{%- set row_keys = [
    mta.clean_identifier('click_id'),
] %}
{%- set window = mta.late_data_window('ad_clicks', 'clicked_at', row_keys) %}

with

{#- Incremental: the rebuilt partitions' rows and their key groups (macros/incremental). #}
source_rows as (
    {{ mta.incremental_source_rows('ad_clicks', 'clicked_at', row_keys, window) }}
),

bot_user_agent_patterns as (
    select * from {{ mta.seed_ref('bot_user_agent_patterns') }}
),

{{ mta.currency_import_ctes() }},

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
        {{ mta.raw_row_json('ad_clicks', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('click_id') }} as row_key,
        {{ mta.clean_identifier('click_id') }} as click_id,
        {{ mta.parse_iso_timestamp(mta.as_text('clicked_at')) }} as clicked_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('clicked_at')) }} as lacks_utc_offset,
        nullif(trim({{ mta.as_text('traffic_source') }}), '') as traffic_source,
        {{ mta.normalize_utm_value(mta.as_text('traffic_source')) }} as traffic_source_normalized,
        {{ mta.clean_identifier('campaign_id') }} as campaign_id,
        nullif(trim({{ mta.as_text('campaign_name') }}), '') as campaign_name,
        {{ mta.clean_identifier('ad_group_id') }} as ad_group_id,
        nullif(trim({{ mta.as_text('ad_group_name') }}), '') as ad_group_name,
        {{ mta.clean_identifier('creative_id') }} as creative_id,
        nullif(trim({{ mta.as_text('placement') }}), '') as placement,
        {{ mta.clean_lower('device_type') }} as device_type,
        {{ mta.clean_lower('os') }} as os,
        {{ mta.clean_lower('browser') }} as browser,
        upper({{ mta.clean_lower('country') }}) as country,
        {{ mta.ip_hash('ip_address') }} as ip_hash,
        nullif(trim({{ mta.as_text('user_agent') }}), '') as user_agent,
        nullif(trim({{ mta.as_text('landing_page_url') }}), '') as landing_page_url,
        {{ mta.safe_cast_float('cost') }} as cost_original,
        cost as cost_raw,
        {{ mta.effective_currency('cost', 'currency') }} as currency,
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

{{ mta.source_lookup_cte('with_user_agent_key', 'traffic_source_normalized', 'traffic') }},

{{ mta.classify_channel_ctes('with_user_agent_key', 'clicks_classified', 'landing_page_url') }},

{{ mta.bot_user_agents_cte('with_user_agent_key') }},

checked as (
    select
        clicks_classified.*,
        coalesce(traffic_sources.source, clicks_classified.utm_source) as source,  -- noqa: RF04
        case
            when clicks_classified.has_utm and clicks_classified.utm_rule_channel is not null
                then clicks_classified.utm_rule_channel
            else coalesce(traffic_sources.default_paid_channel, clicks_classified.click_id_channel, 'other')
        end as click_channel,
        clicks_classified.cost_original * row_rates.rate_to_usd / reporting_currency_rate.reporting_rate_to_usd
            as converted_cost,
        {#- An unusable cost does not make the click unreal: the click is
            staged with a null cost, and cost_issue says why (counted by the
            data-quality report). #}
        case
            when {{ mta.is_invalid_amount(
                'clicks_classified.cost_raw', 'clicks_classified.cost_original', 'row_rates.rate_to_usd'
            ) }}
                then 'invalid_amount'
            when clicks_classified.cost_original is not null and row_rates.currency is null
                then 'unknown_currency'
        end as cost_issue,
        {{ mta.quarantine_reason_case({
            'missing_key': 'clicks_classified.click_id is null',
            'missing_utc_offset': 'clicks_classified.lacks_utc_offset',
            'unparseable_timestamp': 'clicks_classified.clicked_at is null',
            'implausible_timestamp': mta.is_implausible_timestamp('clicks_classified.clicked_at'),
            'bot': 'bot_user_agents.user_agent_key is not null',
        }) }} as invalid_reason
    from clicks_classified
    left join traffic_sources
        on clicks_classified.traffic_source_normalized = traffic_sources.source_key
    left join bot_user_agents
        on clicks_classified.user_agent_key = bot_user_agents.user_agent_key
    left join currency_rates as row_rates
        on clicks_classified.currency = row_rates.currency
    left join reporting_currency_rate
        on 1 = 1
),

duplicates_ranked as (
    select
        *,
        {{ mta.event_partition_date('clicked_at') }} as partition_date,
        row_number() over (
            partition by click_id, invalid_reason is null
            order by clicked_at, raw_row_json
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
        click_id,
        clicked_at,
        traffic_source,
        source,
        campaign_id,
        campaign_name,
        ad_group_id,
        ad_group_name,
        creative_id,
        placement,
        device_type,
        os,
        browser,
        country,
        ip_hash,
        landing_page_url,
        cast(null as {{ dbt.type_string() }}) as landing_anonymous_id,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        coalesce(utm_medium, click_channel) as medium,
        click_channel as channel,
        cast(case when cost_issue is null then converted_cost end as {{ mta.double_type() }}) as cost,  -- noqa: RF04
        cast(case when cost_issue is null then cost_original end as {{ mta.double_type() }}) as cost_original,
        cost_issue,
        currency,
        user_agent,
        url_click_id_param as landing_click_id_param,
        raw_fingerprint,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json,
        partition_date,
        -- the URL as the marts show it (marketing parameters only; classify_channel_ctes
        -- reduces each distinct URL once), for staged rows
        case
            when invalid_reason is null and duplicate_rank = 1 then page_marketing_url
        end as marketing_landing_page_url
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
