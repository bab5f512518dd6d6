with conversions as (

    select * from {{ ref('stg_collectors__conversions') }}

),

conversion_types as (

    select * from {{ mta.seed_ref('conversion_types') }}

),

order_rows as (

    select
        'event|' || conversions.conversion_event_id as event_node,
        'order|' || {{ mta.identity_clean_value('conversions.order_id') }} as order_node
    from conversions
    left join conversion_types
        on conversions.conversion_type = conversion_types.conversion_type
    where not coalesce(conversion_types.is_refund, false)

),

directed_edges as (

    select
        event_node as src,
        order_node as dst
    from order_rows

    union all

    select
        order_node as src,
        event_node as dst
    from order_rows

),

final as (

    select distinct
        src,
        dst
    from directed_edges
    where
        src is not null
        and dst is not null
        and src <> dst

)

select * from final
