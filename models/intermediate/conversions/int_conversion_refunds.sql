with keyed_rows as (

    select * from {{ ref('int_conversion_rows_keyed') }}

),

refund_rows as (

    select keyed_rows.*
    from keyed_rows
    where keyed_rows.is_refund

),

refund_amounts as (

    select
        refund_rows.conversion_key,
        refund_rows.revenue,
        row_number() over (
            partition by refund_rows.conversion_key
            order by refund_rows.copy_rank
        ) as amount_rank
    from refund_rows
    where refund_rows.revenue is not null

),

refunds as (

    select
        refund_rows.conversion_key,
        min(refund_rows.conversion_event_id) as conversion_event_id,
        min(refund_rows.refund_order_id) as refund_order_id,
        min(refund_rows.occurred_at) as refunded_at,
        count(*) as n_source_rows
    from refund_rows
    group by refund_rows.conversion_key

),

known_orders as (

    select distinct
        keyed_rows.conversion_order_id as order_id,
        keyed_rows.conversion_id
    from keyed_rows
    where keyed_rows.conversion_order_id is not null

),

final as (

    select
        refunds.conversion_key as refund_key,
        refunds.conversion_event_id,
        refunds.refund_order_id as order_id,
        refunds.refunded_at,
        abs(coalesce(refund_amounts.revenue, 0)) as refunded_amount,
        refunds.n_source_rows,
        known_orders.conversion_id as refunded_conversion_id,
        case
            when refunds.refund_order_id is null then 'missing_order_id'
            when known_orders.conversion_id is null then 'unknown_order'
            else 'applied'
        end as refund_status
    from refunds
    left join refund_amounts
        on
            refunds.conversion_key = refund_amounts.conversion_key
            and refund_amounts.amount_rank = 1
    left join known_orders
        on refunds.refund_order_id = known_orders.order_id

)

select * from final
