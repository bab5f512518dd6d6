{#-
    A cohort's revenue is shared out in whole cents (macro allocate_cents), so
    the channels' modeled revenue adds up to it exactly.
-#}
with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

mix as (
    select * from {{ ref('rpt_modeled_revenue_mix') }}
),

attribution_models as (
    {{ mta.literal_name_relation(mta.attribution_model_names(), 'attribution_model', 'model_order') }}
),

modeled_cohorts as (
    select
        conversions.conversion_type,
        {{ mta.week_start('conversions.converted_at') }} as week_start,
        count(*) as modeled_conversions,
        sum(conversions.revenue) as modeled_revenue
    from conversions
    where conversions.revenue_basis = 'modeled'
    group by
        conversions.conversion_type,
        {{ mta.week_start('conversions.converted_at') }}
),

model_cohorts as (
    select
        attribution_models.attribution_model,
        modeled_cohorts.conversion_type,
        modeled_cohorts.week_start,
        modeled_cohorts.modeled_conversions,
        modeled_cohorts.modeled_revenue,
        'type_week:' || modeled_cohorts.conversion_type || ':'
        || cast(modeled_cohorts.week_start as {{ dbt.type_string() }}) as type_week_key,
        'type:' || modeled_cohorts.conversion_type as type_key
    from modeled_cohorts
    cross join attribution_models
),

cohort_sizes as (
    select distinct
        mix.attribution_model,
        mix.cohort_key,
        mix.cohort_conversions
    from mix
),

resolved_cohorts as (
    select
        model_cohorts.attribution_model,
        model_cohorts.conversion_type,
        model_cohorts.week_start,
        model_cohorts.modeled_conversions,
        model_cohorts.modeled_revenue,
        case
            when type_week_sizes.cohort_key is not null then 'type_week'
            when type_sizes.cohort_key is not null then 'type'
            when all_sizes.cohort_key is not null then 'all'
            else 'none'
        end as mix_level,
        coalesce(type_week_sizes.cohort_key, type_sizes.cohort_key, all_sizes.cohort_key) as mix_cohort_key,
        coalesce(
            type_week_sizes.cohort_conversions,
            type_sizes.cohort_conversions,
            all_sizes.cohort_conversions,
            0
        ) as cohort_conversions
    from model_cohorts
    left join cohort_sizes as type_week_sizes
        on
            model_cohorts.attribution_model = type_week_sizes.attribution_model
            and model_cohorts.type_week_key = type_week_sizes.cohort_key
    left join cohort_sizes as type_sizes
        on
            model_cohorts.attribution_model = type_sizes.attribution_model
            and model_cohorts.type_key = type_sizes.cohort_key
    left join cohort_sizes as all_sizes
        on
            model_cohorts.attribution_model = all_sizes.attribution_model
            and all_sizes.cohort_key = 'all'
),

final as (
    select
        resolved_cohorts.attribution_model,
        resolved_cohorts.conversion_type,
        resolved_cohorts.week_start,
        coalesce(mix.channel, 'unattributed') as channel,
        resolved_cohorts.mix_level,
        resolved_cohorts.mix_cohort_key,
        resolved_cohorts.cohort_conversions,
        {{ mta.modeled_confidence_label('resolved_cohorts.cohort_conversions') }} as confidence,
        cast(coalesce(mix.channel_share, 1.0) as {{ mta.double_type() }}) as channel_share,
        resolved_cohorts.modeled_conversions as cohort_modeled_conversions,
        {{ mta.money('resolved_cohorts.modeled_revenue') }} as cohort_modeled_revenue,
        cast(resolved_cohorts.modeled_conversions * coalesce(mix.channel_share, 1.0) as {{ mta.double_type() }})
            as modeled_conversions,
        {{ mta.allocate_cents(
            'resolved_cohorts.modeled_revenue * coalesce(mix.channel_share, 1.0)',
            'resolved_cohorts.modeled_revenue',
            'resolved_cohorts.attribution_model, resolved_cohorts.conversion_type, resolved_cohorts.week_start',
            "coalesce(mix.channel, 'unattributed')",
        ) }} as modeled_revenue
    from resolved_cohorts
    left join mix
        on
            resolved_cohorts.attribution_model = mix.attribution_model
            and resolved_cohorts.mix_cohort_key = mix.cohort_key
)

select * from final
