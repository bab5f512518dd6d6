{#-
    Closed-won deals and their amount in the CRM against the won conversions
    (checks crm_won_deals_count_gap, crm_won_deals_amount_gap; snapshot). One
    row per check and date. See _quality_checks__models.yml.
-#}

with

base_deals as (
    select * from {{ ref('base_crm__deals') }}
),

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

crm_won_deals as (
    select
        count(distinct base_deals.deal_id) as crm_won_deals,
        cast(null as {{ mta.double_type() }}) as crm_won_amount
    from base_deals
    where
        base_deals.stage = 'closed_won'
        and base_deals.deal_id is not null
    union all
    select
        cast(null as bigint) as crm_won_deals,
        sum(deals.amount) as crm_won_amount
    from deals
    where deals.stage = 'closed_won'
),

crm_won_totals as (
    select
        max(crm_won_deals) as crm_won_deals,
        coalesce(max(crm_won_amount), 0) as crm_won_amount
    from crm_won_deals
),

won_conversion_totals as (
    select
        count(*) as won_conversions,
        coalesce(sum(conversions.revenue), 0) as won_revenue
    from conversions
    where conversions.conversion_type = 'deal_closed_won'
),

check_crm_won_deals as (
    select
        'crm_won_deals_count_gap' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(abs(crm_won_totals.crm_won_deals - won_conversion_totals.won_conversions) as {{ mta.double_type() }})
            as check_value,
        cast(crm_won_totals.crm_won_deals as {{ dbt.type_string() }}) || ' closed-won deals in the CRM vs '
        || cast(won_conversion_totals.won_conversions as {{ dbt.type_string() }}) || ' won conversions' as details
    from crm_won_totals
    cross join won_conversion_totals
    union all
    select
        'crm_won_deals_amount_gap' as check_name,
        {{ mta.dq_run_date() }} as check_date,
        cast(abs(crm_won_totals.crm_won_amount - won_conversion_totals.won_revenue) as {{ mta.double_type() }})
            as check_value,
        {{ mta.format_decimal('crm_won_totals.crm_won_amount', 2) }}
        || ' closed-won amount in the CRM (staged deals) vs '
        || {{ mta.format_decimal('won_conversion_totals.won_revenue', 2) }}
        || ' won conversion revenue' as details
    from crm_won_totals
    cross join won_conversion_totals
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_crm_won_deals
)

select * from final
