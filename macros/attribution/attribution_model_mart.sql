{#-
    The BI mart of one attribution model: day x channel x campaign x
    conversion type with attributed conversions and revenue, spend, clicks,
    ROAS and CPA, cut from rpt_channel_performance (which keeps spend
    without conversions, and conversion types apart). Each
    rpt_attribution_<model>.sql is a view (a filter of that one table, not
    a stored copy) that calls this macro.
-#}
{% macro attribution_model_mart(attribution_model) -%}
    {%- if attribution_model not in mta.attribution_model_names() -%}
        {{ exceptions.raise_compiler_error("attribution_model_mart: unknown model '" ~ attribution_model ~ "', expected one of " ~ mta.attribution_model_names() | join(', ')) }}
    {%- endif %}
with

channel_performance as (
    select * from {{ ref('rpt_channel_performance') }}
),

final as (
    select
        report_date,
        channel,
        campaign,
        attributed_conversions,
        attributed_revenue,
        spend,
        clicks,
        impressions,
        touches,
        roas,
        cpa,
        conversion_type,
        is_primary_conversion_type
    from channel_performance
    where attribution_model = '{{ attribution_model }}'
)

select * from final
{%- endmacro %}
