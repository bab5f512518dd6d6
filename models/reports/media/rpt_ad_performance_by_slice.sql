with

ad_clicks as (
    select * from {{ ref('fct_ad_clicks') }}
),

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

reported_models as (
    {{ mta.literal_name_relation(mta.attribution_model_names(), 'attribution_model', 'model_order') }}
),

primary_types as (
    {{ mta.literal_name_relation(mta.primary_conversion_types(), 'conversion_type', 'type_order') }}
),

slice_dimensions as (
    {{ mta.literal_name_relation(
        ['device_type', 'os', 'country', 'hour_of_day'], 'slice_dimension', 'dimension_order'
    ) }}
),

sliced_clicks as (
    select
        ad_clicks.click_id,
        ad_clicks.touchpoint_id,
        ad_clicks.click_date as report_date,
        coalesce(ad_clicks.platform, '(none)') as platform,
        coalesce(ad_clicks.campaign_id, '(none)') as campaign_id,
        ad_clicks.campaign_name,
        ad_clicks.channel,
        ad_clicks.cost,
        slice_dimensions.slice_dimension,
        coalesce(
            case slice_dimensions.slice_dimension
                when 'device_type' then lower(ad_clicks.device_type)
                when 'os' then lower(ad_clicks.os)
                when 'country' then upper(ad_clicks.country)
                when 'hour_of_day' then lpad(cast(ad_clicks.click_hour as {{ dbt.type_string() }}), 2, '0')
            end,
            '(unknown)'
        ) as slice_value
    from ad_clicks
    cross join slice_dimensions
),

slices_daily as (
    select
        report_date,
        platform,
        campaign_id,
        max(campaign_name) as campaign_name,
        max(channel) as channel,
        slice_dimension,
        slice_value,
        count(*) as clicks,
        sum(cost) as cost  -- noqa: RF04
    from sliced_clicks
    group by
        report_date,
        platform,
        campaign_id,
        slice_dimension,
        slice_value
),

slice_credits as (
    select
        sliced_clicks.report_date,
        sliced_clicks.platform,
        sliced_clicks.campaign_id,
        sliced_clicks.slice_dimension,
        sliced_clicks.slice_value,
        attribution_credits.attribution_model,
        attribution_credits.conversion_type,
        sum(attribution_credits.credit) as attributed_conversions,
        sum(coalesce(attribution_credits.attributed_revenue, 0)) as attributed_revenue
    from attribution_credits
    inner join sliced_clicks
        on attribution_credits.touchpoint_id = sliced_clicks.touchpoint_id
    group by
        sliced_clicks.report_date,
        sliced_clicks.platform,
        sliced_clicks.campaign_id,
        sliced_clicks.slice_dimension,
        sliced_clicks.slice_value,
        attribution_credits.attribution_model,
        attribution_credits.conversion_type
),

slice_types as (
    select
        slices_daily.report_date,
        slices_daily.platform,
        slices_daily.campaign_id,
        slices_daily.slice_dimension,
        slices_daily.slice_value,
        primary_types.conversion_type
    from slices_daily
    cross join primary_types
    union
    select distinct
        report_date,
        platform,
        campaign_id,
        slice_dimension,
        slice_value,
        conversion_type
    from slice_credits
),

spine as (
    select
        slices_daily.report_date,
        slices_daily.platform,
        slices_daily.campaign_id,
        slices_daily.campaign_name,
        slices_daily.channel,
        slices_daily.slice_dimension,
        slices_daily.slice_value,
        slices_daily.clicks,
        slices_daily.cost,
        slice_types.conversion_type,
        reported_models.attribution_model
    from slices_daily
    inner join slice_types
        on
            slices_daily.report_date = slice_types.report_date
            and slices_daily.platform = slice_types.platform
            and slices_daily.campaign_id = slice_types.campaign_id
            and slices_daily.slice_dimension = slice_types.slice_dimension
            and slices_daily.slice_value = slice_types.slice_value
    cross join reported_models
),

joined as (
    select
        spine.*,
        coalesce(slice_credits.attributed_conversions, 0) as attributed_conversions,
        coalesce(slice_credits.attributed_revenue, 0) as attributed_revenue
    from spine
    left join slice_credits
        on
            spine.report_date = slice_credits.report_date
            and spine.platform = slice_credits.platform
            and spine.campaign_id = slice_credits.campaign_id
            and spine.slice_dimension = slice_credits.slice_dimension
            and spine.slice_value = slice_credits.slice_value
            and spine.attribution_model = slice_credits.attribution_model
            and spine.conversion_type = slice_credits.conversion_type
),

final as (
    select
        cast(report_date as date) as report_date,
        cast(platform as {{ dbt.type_string() }}) as platform,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(slice_dimension as {{ dbt.type_string() }}) as slice_dimension,
        cast(slice_value as {{ dbt.type_string() }}) as slice_value,
        cast(attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.is_primary_conversion_type('conversion_type') }} as is_primary_conversion_type,
        cast(clicks as bigint) as clicks,
        {{ mta.money("cost") }} as cost,  -- noqa: RF04
        cast(attributed_conversions as {{ mta.double_type() }}) as attributed_conversions,
        {{ mta.money("attributed_revenue") }} as attributed_revenue,
        {{ mta.safe_ratio('attributed_revenue', 'clicks') }} as epc,
        {{ mta.safe_ratio('cost', 'attributed_conversions') }} as cpa,
        {{ mta.safe_ratio('attributed_revenue', 'cost') }} as roas,
        {{ mta.safe_ratio('attributed_conversions', 'clicks') }} as conversion_rate
    from joined
)

select * from final
