{%- set disabled_collectors = mta.setting('mta_disabled_collectors') -%}

with conversions as (

    select * from {{ ref('stg_collectors__conversions') }}

),

conversion_types as (

    select * from {{ mta.seed_ref('conversion_types') }}

),

collector_precedence as (

    select * from {{ mta.seed_ref('collector_precedence') }}

),

order_labels as (

    select * from {{ ref('int_conversion_order_labels') }}

),

typed_rows as (

    select
        conversions.conversion_row_id,
        conversions.conversion_event_id,
        {{ mta.identity_clean_value('conversions.order_id') }} as order_id,
        conversions.conversion_type,
        conversions.occurred_at,
        conversions.collector,
        conversions.anonymous_id,
        conversions.user_id,
        conversions.email_hash,
        conversions.phone_hash,
        conversions.click_id,
        conversions.revenue,
        conversions.skip_attribution,
        conversions.store_id,
        conversion_types.conversion_type is not null as is_known_type,
        coalesce(conversion_types.is_refund, false) as is_refund,
        coalesce(conversion_types.is_attributable, false) as is_type_attributable,
        conversion_types.default_value,
        coalesce(collector_precedence.revenue_precedence, 999) as revenue_precedence,
        {% if disabled_collectors | length > 0 -%}
        coalesce(conversions.collector in (
            {%- for collector in disabled_collectors -%}
            '{{ collector }}'{{ ', ' if not loop.last }}
            {%- endfor -%}
        ), false)
        {%- else -%}
        false
        {%- endif %} as is_collector_disabled
    from conversions
    left join conversion_types
        on conversions.conversion_type = conversion_types.conversion_type
    left join collector_precedence
        on conversions.collector = collector_precedence.collector

),

component_nodes as (

    select
        order_labels.node,
        min(case when order_labels.node like 'order|%' then substr(order_labels.node, 7) end) over (
            partition by order_labels.component_key
        ) as component_order_id
    from order_labels

),

event_orders as (

    select
        substr(component_nodes.node, 7) as conversion_event_id,
        component_nodes.component_order_id as event_order_id
    from component_nodes
    where component_nodes.node like 'event|%'

),

keyed_rows as (

    select
        typed_rows.*,
        case when not typed_rows.is_refund then event_orders.event_order_id end as conversion_order_id,
        case when typed_rows.is_refund then typed_rows.order_id end as refund_order_id,
        case
            when typed_rows.is_refund then 'refund:' || typed_rows.conversion_event_id
            when event_orders.event_order_id is not null then 'order:' || event_orders.event_order_id
            else 'event:' || typed_rows.conversion_event_id
        end as conversion_key
    from typed_rows
    left join event_orders
        on typed_rows.conversion_event_id = event_orders.conversion_event_id

),

final as (

    select
        keyed_rows.*,
        'cv_' || substr({{ mta.sha256_hex('keyed_rows.conversion_key') }}, 1, 16) as conversion_id,
        row_number() over (
            partition by keyed_rows.conversion_key
            order by
                case when keyed_rows.is_collector_disabled then 1 else 0 end,
                keyed_rows.revenue_precedence,
                keyed_rows.occurred_at,
                keyed_rows.conversion_row_id
        ) as copy_rank
    from keyed_rows

)

select * from final
