{#-
    The calibrated model has exactly the base model's (conversion, touchpoint)
    rows, and where every touch of a conversion is in a channel whose
    calibration factor is 1, its credits equal the base model's (read here
    from fct_attribution_credits, not from the calibrated fact's own
    base_credit column). Lists every row that breaks either rule.
-#}
with

calibrated as (
    select * from {{ ref('fct_attribution_credits_calibrated') }}
),

base as (
    select * from {{ ref('fct_attribution_credits') }}
    where attribution_model = '{{ mta.calibration_base_model() }}'
),

channel_calibration as (
    select * from {{ ref('dim_channel_calibration') }}
),

base_factors as (
    select
        base.conversion_id,
        max(case when coalesce(channel_calibration.calibration_factor, 1) <> 1 then 1 else 0 end) as has_other_factor
    from base
    left join channel_calibration
        on base.channel = channel_calibration.channel
    group by base.conversion_id
),

compared as (
    select
        coalesce(base.conversion_id, calibrated.conversion_id) as conversion_id,
        coalesce(base.touchpoint_id, calibrated.touchpoint_id) as touchpoint_id,
        base.credit as base_credit,
        calibrated.credit as calibrated_credit
    from base
    full outer join calibrated
        on
            base.conversion_id = calibrated.conversion_id
            and base.touchpoint_id = calibrated.touchpoint_id
)

select
    compared.*,
    base_factors.has_other_factor
from compared
left join base_factors
    on compared.conversion_id = base_factors.conversion_id
where
    compared.base_credit is null
    or compared.calibrated_credit is null
    or (base_factors.has_other_factor = 0 and abs(compared.calibrated_credit - compared.base_credit) > 1e-12)
