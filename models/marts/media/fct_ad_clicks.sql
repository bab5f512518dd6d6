{%- set models = mta.attribution_model_names() -%}

with

clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

ad_spend as (
    select * from {{ ref('fct_ad_spend') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

clicks_local as (
    select
        clicks.*,
        {{ mta.account_time('clicks.clicked_at') }} as clicked_local_at
    from clicks
),

clicks_dated as (
    select
        *,
        cast(clicked_local_at as date) as click_date
    from clicks_local
),

campaign_day_spend as (
    select
        source,  -- noqa: RF04
        campaign_id,
        spend_date,
        sum(spend) as spend
    from ad_spend
    group by
        source,
        campaign_id,
        spend_date
),

campaign_day_clicks as (
    select
        source,  -- noqa: RF04
        campaign_id,
        click_date,
        sum(coalesce(cost, 0)) as reported_cost,
        sum(case when cost is null then 1 else 0 end) as unpriced_clicks
    from clicks_dated
    group by
        source,
        campaign_id,
        click_date
),

click_costs as (
    select
        clicks_dated.click_id,
        case
            when clicks_dated.cost is not null then 'reported'
            when campaign_day_spend.spend is not null then 'spread'
            else 'no_spend'
        end as cost_basis,
        case
            when clicks_dated.cost is not null then clicks_dated.cost
            when campaign_day_spend.spend is not null
                then
                    greatest(campaign_day_spend.spend - campaign_day_clicks.reported_cost, 0)
                    / campaign_day_clicks.unpriced_clicks
            else 0
        end as cost  -- noqa: RF04
    from clicks_dated
    inner join campaign_day_clicks
        on
            clicks_dated.source = campaign_day_clicks.source
            and clicks_dated.campaign_id = campaign_day_clicks.campaign_id
            and clicks_dated.click_date = campaign_day_clicks.click_date
    left join campaign_day_spend
        on
            clicks_dated.source = campaign_day_spend.source
            and clicks_dated.campaign_id = campaign_day_spend.campaign_id
            and clicks_dated.click_date = campaign_day_spend.spend_date
),

click_touchpoints as (
    select
        click_id,
        touchpoint_id,
        person_id
    from touchpoints
    where
        touch_type = 'ad_click'
        and click_id is not null
),

click_credits as (
    select
        click_touchpoints.click_id,
        {%- for model in models %}
        sum(case when attribution_credits.attribution_model = '{{ model }}' then attribution_credits.credit else 0 end)
            as {{ model }}_conversions,
        sum(
            case
                when attribution_credits.attribution_model = '{{ model }}'
                    then coalesce(attribution_credits.attributed_revenue, 0)
                else 0
            end
        ) as {{ model }}_revenue,
        {%- endfor %}
        count(*) as credit_rows
    from attribution_credits
    inner join click_touchpoints
        on attribution_credits.touchpoint_id = click_touchpoints.touchpoint_id
    where {{ mta.is_primary_conversion_type('attribution_credits.conversion_type') }}
    group by click_touchpoints.click_id
),

final as (
    select
        cast(clicks_dated.click_id as {{ dbt.type_string() }}) as click_id,
        cast(clicks_dated.clicked_at as {{ dbt.type_timestamp() }}) as clicked_at,
        cast(clicks_dated.clicked_local_at as {{ dbt.type_timestamp() }}) as clicked_local_at,
        cast(clicks_dated.click_date as date) as click_date,
        cast(extract(hour from clicks_dated.clicked_local_at) as integer) as click_hour,
        cast(clicks_dated.source as {{ dbt.type_string() }}) as platform,
        cast(clicks_dated.traffic_source as {{ dbt.type_string() }}) as traffic_source,
        cast(clicks_dated.campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(clicks_dated.campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast({{ mta.campaign_key('clicks_dated.campaign_name') }} as {{ dbt.type_string() }}) as campaign,
        cast(clicks_dated.ad_group_id as {{ dbt.type_string() }}) as ad_group_id,
        cast(clicks_dated.ad_group_name as {{ dbt.type_string() }}) as ad_group_name,
        cast(clicks_dated.creative_id as {{ dbt.type_string() }}) as creative_id,
        cast(clicks_dated.placement as {{ dbt.type_string() }}) as placement,
        cast(clicks_dated.device_type as {{ dbt.type_string() }}) as device_type,
        cast(clicks_dated.os as {{ dbt.type_string() }}) as os,
        cast(clicks_dated.country as {{ dbt.type_string() }}) as country,
        cast(clicks_dated.channel as {{ dbt.type_string() }}) as channel,
        cast(click_touchpoints.touchpoint_id as {{ dbt.type_string() }}) as touchpoint_id,
        {{ mta.money("click_costs.cost") }} as cost,  -- noqa: RF04
        cast(click_costs.cost_basis as {{ dbt.type_string() }}) as cost_basis,
        {%- for model in models %}
        cast(coalesce(click_credits.{{ model }}_conversions, 0) as {{ mta.double_type() }})
            as {{ model }}_conversions,
        {{ mta.money("coalesce(click_credits." ~ model ~ "_revenue, 0)") }}
            as {{ model }}_revenue,
        {%- endfor %}
        cast(click_touchpoints.person_id as {{ dbt.type_string() }}) as person_id
    from clicks_dated
    inner join click_costs
        on clicks_dated.click_id = click_costs.click_id
    left join click_touchpoints
        on clicks_dated.click_id = click_touchpoints.click_id
    left join click_credits
        on clicks_dated.click_id = click_credits.click_id
)

select * from final
