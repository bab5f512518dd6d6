{#-
    A model of the project that installs the package, built on one of its
    public marts: credited conversions and revenue per attribution model and
    channel. Shows that a host project reads the marts with ref().
-#}
with

credits as (
    select * from {{ ref('mta', 'fct_attribution_credits') }}
),

final as (
    select
        attribution_model,
        channel,
        sum(credit) as credited_conversions,
        sum(attributed_revenue) as attributed_revenue
    from credits
    group by attribution_model, channel
)

select * from final
