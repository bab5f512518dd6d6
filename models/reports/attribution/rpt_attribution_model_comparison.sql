{#-
    One row per channel: attributed conversions and revenue under each model
    side by side, and each model's difference from last touch (positive: the
    model gives the channel more than last touch does). Models without
    credits yet show 0.
-#}
{%- set models = mta.attribution_model_names() -%}
with

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

channel_model_totals as (
    select
        channel,
        attribution_model,
        sum(credit) as attributed_conversions,
        sum(coalesce(attributed_revenue, 0)) as attributed_revenue
    from attribution_credits
    group by 1, 2
),

channels_pivoted as (
    select
        channel,
        {%- for model in models %}
        sum(case when attribution_model = '{{ model }}' then attributed_conversions else 0 end)
            as {{ model }}_conversions,
        sum(case when attribution_model = '{{ model }}' then attributed_revenue else 0 end)
            as {{ model }}_revenue,
        {%- endfor %}
        count(*) as model_count
    from channel_model_totals
    group by 1
),

final as (
    select
        channel,
        {%- for model in models %}
        cast({{ model }}_conversions as {{ mta.double_type() }}) as {{ model }}_conversions,
        {%- endfor %}
        {%- for model in models %}
        {{ mta.money(model ~ "_revenue") }} as {{ model }}_revenue,
        {%- endfor %}
        {%- for model in models if model != 'last_touch' %}
        cast({{ model }}_conversions - last_touch_conversions as {{ mta.double_type() }})
            as {{ model }}_vs_last_touch_conversions,
        {%- endfor %}
        {%- for model in models if model != 'last_touch' %}
        {{ mta.money(model ~ "_revenue - last_touch_revenue") }}
            as {{ model }}_vs_last_touch_revenue,
        {%- endfor %}
        cast(model_count as bigint) as model_count
    from channels_pivoted
)

select * from final
