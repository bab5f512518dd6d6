{#-
    CRM deal stages as conversions of their own types: a deal entering stage
    s is a conversion of type 'deal_' || s at entered_at, when that type is in
    the conversion_types seed (qualified, demo, proposal, closed_won by
    default; closed_lost is not a conversion). Valued at the deal amount for
    closed_won (the type's default_value when the amount is null), 0 for the
    other stages. Matched later by the deal's contact_id; collector 'crm'.
    conversion_id = 'cv_' || 16 hex of sha256('deal:<deal_id>:<stage>').
-#}
{%- set disabled_collectors = var('mta_disabled_collectors', []) -%}

with stage_history as (

    select * from {{ ref('stg_crm__deal_stage_history') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

conversion_types as (

    select * from {{ ref('conversion_types') }}

),

stages as (

    select
        stage_history.deal_id,
        lower(trim(stage_history.stage)) as deal_stage,
        stage_history.entered_at,
        deals.contact_id,
        deals.amount
    from stage_history
    left join deals
        on stage_history.deal_id = deals.deal_id

),

final as (

    select
        'cv_' || substr({{ mta.sha256_hex("'deal:' || stages.deal_id || ':' || stages.deal_stage") }}, 1, 16)
            as conversion_id,
        'deal:' || stages.deal_id || ':' || stages.deal_stage as conversion_key,
        stages.deal_id,
        stages.deal_stage,
        conversion_types.conversion_type,
        'crm' as collector,
        stages.entered_at as converted_at,
        case
            when stages.deal_stage = 'closed_won' then coalesce(stages.amount, conversion_types.default_value, 0)
            else 0
        end as revenue,
        case
            when stages.deal_stage = 'closed_won' and stages.amount is null then 'default_value'
            when stages.deal_stage = 'closed_won' then 'deal_amount'
            else 'stage_zero'
        end as revenue_source,
        conversion_types.is_attributable as is_type_attributable,
        {{ 'true' if 'crm' in disabled_collectors else 'false' }} as is_collector_disabled,
        (
            conversion_types.is_attributable
            {%- if 'crm' in disabled_collectors %}
            and false
            {%- endif %}
        ) as is_attributable,
        stages.contact_id
    from stages
    inner join conversion_types
        on 'deal_' || stages.deal_stage = conversion_types.conversion_type

)

select * from final
