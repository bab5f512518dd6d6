{#-
    attributed_revenue is allocated in whole cents (macro allocate_cents: largest
    remainders, ties by touchpoint id), so a conversion's attributed revenue adds
    up to its revenue exactly under every model.
-#}
with

conversion_paths as (
    select * from {{ ref('fct_conversion_paths') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

rule_based_credits as (
    select * from {{ ref('int_attribution_credits_rule_based') }}
),

markov_credits as (
    select * from {{ ref('int_attribution_credits_markov') }}
),

shapley_credits as (
    select * from {{ ref('int_attribution_credits_shapley') }}
),

all_credits as (
    select
        conversion_id,
        touchpoint_id,
        attribution_model,
        path_transform,
        credit
    from rule_based_credits
    union all
    select
        conversion_id,
        touchpoint_id,
        attribution_model,
        'none' as path_transform,
        credit
    from markov_credits
    union all
    select
        conversion_id,
        touchpoint_id,
        attribution_model,
        'none' as path_transform,
        credit
    from shapley_credits
),

credits_in_cents as (
    select
        all_credits.*,
        {{ mta.allocate_cents(
            'all_credits.credit * conversion_paths.revenue',
            'conversion_paths.revenue',
            'all_credits.conversion_id, all_credits.attribution_model, all_credits.path_transform',
            'all_credits.touchpoint_id',
        ) }} as attributed_revenue
    from all_credits
    inner join conversion_paths
        on
            all_credits.conversion_id = conversion_paths.conversion_id
            and all_credits.touchpoint_id = conversion_paths.touchpoint_id
),

final as (
    select
        cast(all_credits.conversion_id as {{ dbt.type_string() }}) as conversion_id,
        cast(all_credits.touchpoint_id as {{ dbt.type_string() }}) as touchpoint_id,
        cast(all_credits.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(all_credits.credit as {{ mta.double_type() }}) as credit,
        all_credits.attributed_revenue,
        cast(conversion_paths.person_id as {{ dbt.type_string() }}) as person_id,
        cast(conversion_paths.channel as {{ dbt.type_string() }}) as channel,
        cast(conversion_paths.campaign as {{ dbt.type_string() }}) as campaign,
        cast(conversion_paths.touched_at as {{ dbt.type_timestamp() }}) as touched_at,
        cast(conversion_paths.converted_at as {{ dbt.type_timestamp() }}) as converted_at,
        cast(conversion_paths.conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.money('conversion_paths.revenue') }} as conversion_revenue,
        cast(conversion_paths.touch_position as integer) as touch_position,
        cast(conversion_paths.path_length as integer) as path_length,
        cast(touchpoints.source as {{ dbt.type_string() }}) as source,  -- noqa: RF04
        cast(touchpoints.medium as {{ dbt.type_string() }}) as medium,
        cast(touchpoints.touch_type as {{ dbt.type_string() }}) as touch_type,
        cast(all_credits.path_transform as {{ dbt.type_string() }}) as path_transform
    from credits_in_cents as all_credits
    inner join conversion_paths
        on
            all_credits.conversion_id = conversion_paths.conversion_id
            and all_credits.touchpoint_id = conversion_paths.touchpoint_id
    left join touchpoints
        on all_credits.touchpoint_id = touchpoints.touchpoint_id
)

select * from final
