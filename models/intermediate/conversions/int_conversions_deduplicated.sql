with keyed_rows as (

    select * from {{ ref('int_conversion_rows_keyed') }}

),

refunds as (

    select * from {{ ref('int_conversion_refunds') }}

),

conversion_rows as (

    select keyed_rows.*
    from keyed_rows
    where not keyed_rows.is_refund

),

best_copies as (

    select conversion_rows.*
    from conversion_rows
    where conversion_rows.copy_rank = 1

),

revenue_copies as (

    select
        conversion_rows.conversion_key,
        conversion_rows.revenue,
        row_number() over (
            partition by conversion_rows.conversion_key
            order by conversion_rows.copy_rank
        ) as revenue_rank
    from conversion_rows
    where conversion_rows.revenue is not null

),

copies_aggregated as (

    select
        conversion_rows.conversion_key,
        min(conversion_rows.occurred_at) as converted_at,
        count(*) as n_source_rows,
        count(distinct conversion_rows.collector) as n_collectors,
        max(case when conversion_rows.skip_attribution then 1 else 0 end) = 1 as skip_attribution,
        max(conversion_rows.anonymous_id) as any_anonymous_id,
        max(conversion_rows.user_id) as any_user_id,
        max(conversion_rows.email_hash) as any_email_hash,
        max(conversion_rows.phone_hash) as any_phone_hash,
        max(conversion_rows.click_id) as any_click_id
    from conversion_rows
    group by conversion_rows.conversion_key

),

refunds_per_conversion as (

    select
        refunds.refunded_conversion_id as conversion_id,
        sum(refunds.refunded_amount) as refunded_revenue,
        count(*) as n_refunds
    from refunds
    where refunds.refunded_conversion_id is not null
    group by refunds.refunded_conversion_id

),

valued as (

    select
        best_copies.conversion_id,
        best_copies.conversion_key,
        best_copies.conversion_event_id,
        best_copies.conversion_order_id as order_id,
        best_copies.conversion_type,
        best_copies.collector,
        copies_aggregated.converted_at,
        coalesce(revenue_copies.revenue, best_copies.default_value, 0) as gross_revenue,
        coalesce(refunds_per_conversion.refunded_revenue, 0) as refunded_revenue,
        coalesce(refunds_per_conversion.n_refunds, 0) as n_refunds,
        case
            when revenue_copies.revenue is not null then 'collector'
            else 'default_value'
        end as revenue_source,
        copies_aggregated.skip_attribution,
        best_copies.is_known_type,
        best_copies.is_type_attributable,
        best_copies.is_collector_disabled,
        copies_aggregated.n_source_rows,
        copies_aggregated.n_collectors,
        coalesce(best_copies.anonymous_id, copies_aggregated.any_anonymous_id) as anonymous_id,
        coalesce(best_copies.user_id, copies_aggregated.any_user_id) as user_id,
        coalesce(best_copies.email_hash, copies_aggregated.any_email_hash) as email_hash,
        coalesce(best_copies.phone_hash, copies_aggregated.any_phone_hash) as phone_hash,
        coalesce(best_copies.click_id, copies_aggregated.any_click_id) as click_id,
        best_copies.store_id
    from best_copies
    inner join copies_aggregated
        on best_copies.conversion_key = copies_aggregated.conversion_key
    left join revenue_copies
        on
            best_copies.conversion_key = revenue_copies.conversion_key
            and revenue_copies.revenue_rank = 1
    left join refunds_per_conversion
        on best_copies.conversion_id = refunds_per_conversion.conversion_id

),

final as (

    select
        valued.conversion_id,
        valued.conversion_key,
        valued.conversion_event_id,
        valued.order_id,
        valued.conversion_type,
        valued.collector,
        valued.converted_at,
        case
            when valued.gross_revenue - valued.refunded_revenue > 0
                then valued.gross_revenue - valued.refunded_revenue
            else 0
        end as revenue,
        valued.gross_revenue,
        valued.refunded_revenue,
        valued.n_refunds,
        valued.revenue_source,
        valued.skip_attribution,
        valued.is_known_type,
        valued.is_type_attributable,
        valued.is_collector_disabled,
        (
            valued.is_type_attributable
            and not valued.skip_attribution
            and not valued.is_collector_disabled
        ) as is_attributable,
        valued.n_source_rows,
        valued.n_collectors,
        valued.anonymous_id,
        valued.user_id,
        valued.email_hash,
        valued.phone_hash,
        valued.click_id,
        valued.store_id
    from valued

)

select * from final
