{%- set params = ['gclid', 'gbraid', 'wbraid', 'fbclid'] -%}

with

web_events as (
    select * from {{ ref('stg_web__events') }}
),

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

web_click_ids as (
    select
        web_events.click_id,
        web_events.click_id_param,
        1 as param_priority,
        web_events.occurred_at as seen_at,
        case when web_events.consent_marketing = false then 1 else 0 end as is_consent_refusal
    from web_events
    where web_events.click_id is not null
),

click_log_ids as (
    select
        ad_clicks.click_id,
        case
            {%- for param in params %}
            when {{ mta.url_query_param('ad_clicks.landing_page_url', param) }} = ad_clicks.click_id then '{{ param }}'
            {%- endfor %}
            when ad_clicks.source = 'google' then 'gclid'
            when ad_clicks.source in ('facebook', 'instagram') then 'fbclid'
        end as click_id_param,
        2 as param_priority,
        ad_clicks.clicked_at as seen_at,
        0 as is_consent_refusal
    from ad_clicks
    where ad_clicks.click_id is not null
),

crm_click_ids as (
    select
        contacts.gclid as click_id,
        'gclid' as click_id_param,
        3 as param_priority,
        cast(null as {{ dbt.type_timestamp() }}) as seen_at,
        0 as is_consent_refusal
    from contacts
    where {{ mta.identity_clean_value('contacts.gclid') }} is not null
),

all_click_ids as (
    select * from web_click_ids
    union all
    select * from click_log_ids
    union all
    select * from crm_click_ids
),

ranked_params as (
    select
        all_click_ids.click_id,
        all_click_ids.click_id_param,
        row_number() over (
            partition by all_click_ids.click_id
            order by all_click_ids.param_priority asc, all_click_ids.click_id_param asc
        ) as param_rank
    from all_click_ids
    where all_click_ids.click_id_param is not null
),

click_stats as (
    select
        all_click_ids.click_id,
        min(all_click_ids.seen_at) as first_seen_at,
        max(all_click_ids.is_consent_refusal) as has_consent_refusal,
        max(case when all_click_ids.param_priority = 2 then 1 else 0 end) as in_click_log
    from all_click_ids
    group by all_click_ids.click_id
),

final as (
    select
        click_stats.click_id,
        ranked_params.click_id_param,
        click_stats.first_seen_at,
        click_stats.has_consent_refusal = 1 as has_consent_refusal,
        click_stats.in_click_log = 1 as is_in_click_log
    from click_stats
    left join ranked_params
        on
            click_stats.click_id = ranked_params.click_id
            and ranked_params.param_rank = 1
)

select * from final
