{#-
    How sure are we? For each model x conversion type x channel x campaign
    (and each channel, campaign '(all)'), over the trailing window of var
    mta_uncertainty_window_days (default 28 days, to the latest conversion
    date; null: all data): attributed conversions, revenue and ROAS with a
    var mta_interval_level (90%) interval from a Poisson bootstrap of
    conversions.

    Replicate b gives conversion j the weight W(j, b) ~ Poisson(1), the
    inverse Poisson(1) distribution function of a uniform made from md5(seed
    | conversion_id | b div 4) (28 bits per replicate, four replicates per
    hash): deterministic for a seed (var mta_bootstrap_seed), the same on
    every engine, and independent across conversions. A replicate total is
    sum_j W(j, b) x_j, where x_j is conversion j's credit (or attributed
    revenue) to the group, summed first per conversion x channel x campaign
    x type with every model as a column, so the work is (those rows) x
    replicates, one join and one aggregation, and a channel's replicate
    totals are the sums of its campaigns'. The interval ends are order
    statistics of the var mta_bootstrap_replicates (200) replicate totals
    (the (B + 1)p convention: the 10th and 191st of 200 at 90%).
    Spend is known, not resampled: the ROAS interval is the revenue interval
    over the window's spend (fct_ad_spend).

    Rows: every group with credits in the window, and every campaign with
    spend in the window for the primary conversion types. With several
    primary types (var mta_primary_conversion_types), their conversions
    are also resampled together, under conversion_type 'purchase+...': the
    headline. is_headline marks the one row per group that headline CPA
    and ROAS use. Spend repeats on each conversion type's row.
-#}
{%- set models = mta.attribution_model_names() -%}
{%- set replicates = mta.setting('mta_bootstrap_replicates') | int -%}
{%- set seed = var('mta_bootstrap_seed') | string -%}
{%- set level = mta.setting('mta_interval_level') | float -%}
{%- set window_days = mta.setting('mta_uncertainty_window_days') -%}
{%- if replicates < 20 -%}
    {{ exceptions.raise_compiler_error("mta_bootstrap_replicates must be at least 20, got " ~ replicates) }}
{%- endif -%}
{%- if level <= 0 or level >= 1 -%}
    {{ exceptions.raise_compiler_error("mta_interval_level must be between 0 and 1, got " ~ level) }}
{%- endif -%}
{%- if "'" in seed -%}
    {{ exceptions.raise_compiler_error("mta_bootstrap_seed must not contain quotes") }}
{%- endif -%}
{%- set has_window = window_days is not none and window_days | string | lower not in ['', 'none', 'null'] -%}
{%- if has_window and window_days | int < 1 -%}
    {{ exceptions.raise_compiler_error("mta_uncertainty_window_days must be null or a positive number of days, got " ~ window_days) }}
{%- endif -%}
{#- percentiles of the replicate totals as order statistics, the (B + 1)p
    convention of Davison and Hinkley: the lower end is the
    floor((B + 1)(1 - level)/2)-th smallest, the upper the
    ceil((B + 1)(1 + level)/2)-th (10th and 191st of 200 at 90%) -#}
{%- set lower_rank = [1, ((replicates + 1) * (1 - level) / 2) | round(0, 'floor') | int] | max -%}
{%- set upper_rank = [replicates, ((replicates + 1) * (1 + level) / 2) | round(0, 'ceil') | int] | min -%}
{%- set hash_blocks = ((replicates + 3) // 4) | int -%}
{%- set several_primary_types = mta.primary_conversion_types() | length > 1 -%}

with

attribution_credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

ad_spend as (
    select * from {{ ref('fct_ad_spend') }}
),

reported_models as (
    {{ mta.literal_name_relation(models, 'attribution_model', 'model_order') }}
),

primary_types as (
    {{ mta.literal_name_relation(mta.primary_conversion_types(), 'conversion_type', 'type_order') }}
    {%- if several_primary_types %}
    union all
    select
        {{ mta.primary_conversion_types_label() }} as conversion_type,
        0 as type_order
    {%- endif %}
),

-- dbt.generate_series makes doubles on Spark (power(2, k)): numbered as bigints
-- here, so a block's number reads '0', not '0.0', in the md5 text on every engine
hash_blocks as (
    select cast(generated_number as {{ dbt.type_bigint() }}) as generated_number
    from ({{ dbt.generate_series(hash_blocks) }}) as series
),

replicate_numbers as (
    select cast(generated_number as {{ dbt.type_bigint() }}) as generated_number
    from ({{ dbt.generate_series(replicates) }}) as series
),

-- the four 7-hex-digit chunks of one md5 (32 digits) give four replicates
hash_chunks as (
    select 0 as chunk
    union all
    select 1 as chunk
    union all
    select 2 as chunk
    union all
    select 3 as chunk
),

dated_credits as (
    select
        conversion_id,
        attribution_model,
        channel,
        {{ mta.campaign_key('campaign') }} as campaign,
        conversion_type,
        credit,
        coalesce(attributed_revenue, 0) as attributed_revenue,
        {{ mta.attribution_report_date('converted_at', 'touched_at') }} as report_date
    from attribution_credits
),

window_bounds as (
    select
        {%- if has_window %}
        cast({{ dbt.dateadd('day', -(window_days | int - 1), 'max(report_date)') }} as date) as window_start,
        {%- else %}
        min(report_date) as window_start,
        {%- endif %}
        max(report_date) as window_end
    from dated_credits
),

window_credits as (
    select dated_credits.*
    from dated_credits
    cross join window_bounds
    where dated_credits.report_date between window_bounds.window_start and window_bounds.window_end
),

-- several primary types: their conversions once more, as the headline type
typed_credits as (
    select * from window_credits
    {%- if several_primary_types %}
    union all
    select
        conversion_id,
        attribution_model,
        channel,
        campaign,
        {{ mta.primary_conversion_types_label() }} as conversion_type,
        credit,
        attributed_revenue,
        report_date
    from window_credits
    where {{ mta.is_primary_conversion_type('conversion_type') }}
    {%- endif %}
),

-- one row per conversion x channel x campaign x type, every model a column
contributions as (
    select
        conversion_id,
        channel,
        campaign,
        conversion_type,
        {%- for model in models %}
        sum(case when attribution_model = '{{ model }}' then credit else 0 end) as {{ model }}_conversions,
        sum(case when attribution_model = '{{ model }}' then attributed_revenue else 0 end) as {{ model }}_revenue,
        {%- endfor %}
        count(*) as credit_rows
    from typed_credits
    group by
        conversion_id,
        channel,
        campaign,
        conversion_type
),

window_conversions as (
    select distinct conversion_id
    from contributions
),

conversion_hashes as (
    select
        window_conversions.conversion_id,
        hash_blocks.generated_number - 1 as hash_block,
        md5(
            '{{ seed }}|' || window_conversions.conversion_id || '|'
            || cast(hash_blocks.generated_number - 1 as {{ dbt.type_string() }})
        ) as block_hash
    from window_conversions
    cross join hash_blocks
),

replicate_uniforms as (
    select
        conversion_hashes.conversion_id,
        conversion_hashes.hash_block * 4 + hash_chunks.chunk + 1 as replicate,
        -- a double division (exact: the numerator is below 2^28), never a decimal one,
        -- which Spark rounds to six decimals
        cast(
            {{ mta.hex_to_int('substr(conversion_hashes.block_hash, 1 + 8 * hash_chunks.chunk, 7)') }}
            as {{ mta.double_type() }}
        )
        / cast(268435456 as {{ mta.double_type() }}) as uniform
    from conversion_hashes
    cross join hash_chunks
    where conversion_hashes.hash_block * 4 + hash_chunks.chunk < {{ replicates }}
),

replicate_weights as (
    select
        conversion_id,
        replicate,
        {{ mta.poisson_one_weight('uniform') }} as weight
    from replicate_uniforms
),

-- a weight of 0 adds nothing: only the positive weights are joined
campaign_replicates as (
    select
        contributions.channel,
        contributions.campaign,
        contributions.conversion_type,
        replicate_weights.replicate,
        {%- for model in models %}
        sum(replicate_weights.weight * contributions.{{ model }}_conversions) as {{ model }}_conversions,
        sum(replicate_weights.weight * contributions.{{ model }}_revenue) as {{ model }}_revenue,
        {%- endfor %}
        count(*) as weighted_rows
    from contributions
    inner join replicate_weights
        on contributions.conversion_id = replicate_weights.conversion_id
    where replicate_weights.weight > 0
    group by
        contributions.channel,
        contributions.campaign,
        contributions.conversion_type,
        replicate_weights.replicate
),

channel_replicates as (
    select
        channel,
        '(all)' as campaign,
        conversion_type,
        replicate,
        {%- for model in models %}
        sum({{ model }}_conversions) as {{ model }}_conversions,
        sum({{ model }}_revenue) as {{ model }}_revenue,
        {%- endfor %}
        sum(weighted_rows) as weighted_rows
    from campaign_replicates
    group by
        channel,
        conversion_type,
        replicate
),

group_replicates as (
    select * from campaign_replicates
    union all
    select * from channel_replicates
),

window_spend as (
    select
        ad_spend.channel,
        ad_spend.campaign,
        sum(ad_spend.spend) as spend
    from ad_spend
    cross join window_bounds
    where ad_spend.spend_date between window_bounds.window_start and window_bounds.window_end
    group by
        ad_spend.channel,
        ad_spend.campaign
),

group_spend as (
    select
        channel,
        campaign,
        spend
    from window_spend
    union all
    select
        channel,
        '(all)' as campaign,
        sum(spend) as spend
    from window_spend
    group by channel
),

campaign_points as (
    select
        channel,
        campaign,
        conversion_type,
        count(distinct conversion_id) as sample_conversions,
        {%- for model in models %}
        sum({{ model }}_conversions) as {{ model }}_conversions,
        sum({{ model }}_revenue) as {{ model }}_revenue,
        max({{ model }}_revenue) as {{ model }}_largest_revenue,
        {%- endfor %}
        count(*) as contribution_rows
    from contributions
    group by
        channel,
        campaign,
        conversion_type
),

channel_conversions as (
    select
        channel,
        conversion_type,
        conversion_id,
        {%- for model in models %}
        sum({{ model }}_revenue) as {{ model }}_revenue,
        {%- endfor %}
        count(*) as contribution_rows
    from contributions
    group by
        channel,
        conversion_type,
        conversion_id
),

channel_totals as (
    select
        channel,
        conversion_type,
        {%- for model in models %}
        sum({{ model }}_conversions) as {{ model }}_conversions,
        sum({{ model }}_revenue) as {{ model }}_revenue,
        {%- endfor %}
        sum(contribution_rows) as contribution_rows
    from campaign_points
    group by
        channel,
        conversion_type
),

channel_samples as (
    select
        channel,
        conversion_type,
        count(*) as sample_conversions,
        {%- for model in models %}
        max({{ model }}_revenue) as {{ model }}_largest_revenue,
        {%- endfor %}
        count(*) as conversion_rows
    from channel_conversions
    group by
        channel,
        conversion_type
),

channel_points as (
    select
        channel_totals.channel,
        '(all)' as campaign,
        channel_totals.conversion_type,
        channel_samples.sample_conversions,
        {%- for model in models %}
        channel_totals.{{ model }}_conversions,
        channel_totals.{{ model }}_revenue,
        channel_samples.{{ model }}_largest_revenue,
        {%- endfor %}
        channel_totals.contribution_rows
    from channel_totals
    inner join channel_samples
        on
            channel_totals.channel = channel_samples.channel
            and channel_totals.conversion_type = channel_samples.conversion_type
),

group_points as (
    select * from campaign_points
    union all
    select * from channel_points
),

-- groups with credits, and spend without credits under the primary types
groups as (
    select
        channel,
        campaign,
        conversion_type
    from group_points
    union
    select
        group_spend.channel,
        group_spend.campaign,
        primary_types.conversion_type
    from group_spend
    cross join primary_types
),

replicate_spine as (
    select
        groups.channel,
        groups.campaign,
        groups.conversion_type,
        replicate_numbers.generated_number as replicate
    from groups
    cross join replicate_numbers
),

-- every replicate of every group and model, 0 where no weighted conversion
model_replicates as (
    select
        replicate_spine.channel,
        replicate_spine.campaign,
        replicate_spine.conversion_type,
        replicate_spine.replicate,
        reported_models.attribution_model,
        coalesce(
            case reported_models.attribution_model
                {%- for model in models %}
                when '{{ model }}' then group_replicates.{{ model }}_conversions
                {%- endfor %}
            end,
            0
        ) as replicate_conversions,
        coalesce(
            case reported_models.attribution_model
                {%- for model in models %}
                when '{{ model }}' then group_replicates.{{ model }}_revenue
                {%- endfor %}
            end,
            0
        ) as replicate_revenue
    from replicate_spine
    cross join reported_models
    left join group_replicates
        on
            replicate_spine.channel = group_replicates.channel
            and replicate_spine.campaign = group_replicates.campaign
            and replicate_spine.conversion_type = group_replicates.conversion_type
            and replicate_spine.replicate = group_replicates.replicate
),

ranked_replicates as (
    select
        channel,
        campaign,
        conversion_type,
        attribution_model,
        replicate_conversions,
        replicate_revenue,
        row_number() over (
            partition by channel, campaign, conversion_type, attribution_model
            order by replicate_conversions, replicate
        ) as conversions_rank,
        row_number() over (
            partition by channel, campaign, conversion_type, attribution_model
            order by replicate_revenue, replicate
        ) as revenue_rank
    from model_replicates
),

intervals as (
    select
        channel,
        campaign,
        conversion_type,
        attribution_model,
        max(case when conversions_rank = {{ lower_rank }} then replicate_conversions end) as conversions_lower,
        max(case when conversions_rank = {{ upper_rank }} then replicate_conversions end) as conversions_upper,
        max(case when revenue_rank = {{ lower_rank }} then replicate_revenue end) as revenue_lower,
        max(case when revenue_rank = {{ upper_rank }} then replicate_revenue end) as revenue_upper
    from ranked_replicates
    group by
        channel,
        campaign,
        conversion_type,
        attribution_model
),

model_points as (
    select
        group_points.channel,
        group_points.campaign,
        group_points.conversion_type,
        group_points.sample_conversions,
        reported_models.attribution_model,
        case reported_models.attribution_model
            {%- for model in models %}
            when '{{ model }}' then group_points.{{ model }}_conversions
            {%- endfor %}
        end as attributed_conversions,
        case reported_models.attribution_model
            {%- for model in models %}
            when '{{ model }}' then group_points.{{ model }}_revenue
            {%- endfor %}
        end as attributed_revenue,
        case reported_models.attribution_model
            {%- for model in models %}
            when '{{ model }}' then group_points.{{ model }}_largest_revenue
            {%- endfor %}
        end as largest_conversion_revenue
    from group_points
    cross join reported_models
),

final as (
    select
        cast(intervals.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(intervals.conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.is_primary_conversion_type('intervals.conversion_type') }} as is_primary_conversion_type,
        intervals.conversion_type = {{ mta.primary_conversion_types_label() }} as is_headline,
        cast(intervals.channel as {{ dbt.type_string() }}) as channel,
        cast(intervals.campaign as {{ dbt.type_string() }}) as campaign,
        cast(
            case when intervals.campaign = '(all)' then 'channel' else 'campaign' end as {{ dbt.type_string() }}
        ) as interval_grain,
        window_bounds.window_start,
        window_bounds.window_end,
        cast(coalesce(model_points.sample_conversions, 0) as bigint) as sample_conversions,
        cast(coalesce(model_points.attributed_conversions, 0) as {{ mta.double_type() }}) as attributed_conversions,
        cast(intervals.conversions_lower as {{ mta.double_type() }}) as attributed_conversions_lower,
        cast(intervals.conversions_upper as {{ mta.double_type() }}) as attributed_conversions_upper,
        {{ mta.money("coalesce(model_points.attributed_revenue, 0)") }} as attributed_revenue,
        {{ mta.money("intervals.revenue_lower") }} as attributed_revenue_lower,
        {{ mta.money("intervals.revenue_upper") }} as attributed_revenue_upper,
        {{ mta.money("coalesce(group_spend.spend, 0)") }} as spend,
        {{ mta.safe_ratio('coalesce(model_points.attributed_revenue, 0)', 'group_spend.spend') }} as roas,
        {{ mta.safe_ratio('intervals.revenue_lower', 'group_spend.spend') }} as roas_lower,
        {{ mta.safe_ratio('intervals.revenue_upper', 'group_spend.spend') }} as roas_upper,
        {{ mta.safe_ratio('model_points.largest_conversion_revenue', 'model_points.attributed_revenue') }}
            as largest_conversion_revenue_share,
        cast({{ level }} as {{ mta.double_type() }}) as interval_level,
        cast({{ replicates }} as integer) as replicates
    from intervals
    cross join window_bounds
    left join model_points
        on
            intervals.channel = model_points.channel
            and intervals.campaign = model_points.campaign
            and intervals.conversion_type = model_points.conversion_type
            and intervals.attribution_model = model_points.attribution_model
    left join group_spend
        on
            intervals.channel = group_spend.channel
            and intervals.campaign = group_spend.campaign
)

select * from final
