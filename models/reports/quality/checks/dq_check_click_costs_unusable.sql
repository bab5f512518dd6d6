{#-
    Staged clicks whose reported cost was unusable per day. One row per check
    and date. See _quality_checks__models.yml.
-#}

with

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

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

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_click_costs_unusable
)

select * from final
