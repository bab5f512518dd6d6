{#- The exact-Shapley limit: var mta_shapley_max_channels (distinct channels per path), validated. -#}
{% macro shapley_max_channels() -%}
    {%- set n = mta.setting('mta_shapley_max_channels') | int -%}
    {%- if n < 1 or n > 20 -%}
        {{ exceptions.raise_compiler_error("mta_shapley_max_channels must be between 1 and 20 (the subset table has 2^n rows per position), got " ~ n) }}
    {%- endif -%}
    {{ return(n) }}
{%- endmacro %}


{#-
    Folds the rarest channels of paths with more than mta_shapley_max_channels
    distinct channels into 'other'. `path_channels` names a relation or CTE
    with one row per (`path_key`, channel); `channel_index` one with channel
    and frequency_rank (1 = the channel in most journeys; ties by name). A path
    over the limit keeps its (limit - 1) most frequent channels other than
    'other'; the rest, and 'other' itself, become 'other', leaving exactly
    `limit` distinct channels. Returns a select of `path_key`, channel,
    folded_channel.
-#}
{% macro shapley_fold_channels(path_channels, path_key, channel_index) -%}
    {%- set max_channels = mta.shapley_max_channels() -%}
    select
        ranked_channels.{{ path_key }},
        ranked_channels.channel,
        case
            when
                ranked_channels.distinct_channel_count > {{ max_channels }}
                and ranked_channels.keep_rank >= {{ max_channels }}
                then 'other'
            else ranked_channels.channel
        end as folded_channel
    from (
        select
            path_channels.{{ path_key }},
            path_channels.channel,
            count(*) over (partition by path_channels.{{ path_key }}) as distinct_channel_count,
            row_number() over (
                partition by path_channels.{{ path_key }}
                order by
                    case when path_channels.channel = 'other' then 1 else 0 end,
                    case when channel_index.frequency_rank is null then 1 else 0 end,
                    channel_index.frequency_rank,
                    path_channels.channel
            ) as keep_rank
        from {{ path_channels }} as path_channels
        left join {{ channel_index }} as channel_index
            on path_channels.channel = channel_index.channel
    ) as ranked_channels
{%- endmacro %}


{#-
    The Shapley weights |S|! (|T| - |S| - 1)! / |T|! for every coalition size
    |T| = channel_count in 1..n and |S| = subset_size in 0..|T|-1, as literal
    rows computed at compile time.
-#}
{% macro shapley_weights(n) -%}
    {%- set factorials = [1] -%}
    {%- for i in range(1, n + 1) -%}
        {%- do factorials.append(factorials[i - 1] * i) -%}
    {%- endfor -%}
    {%- set rows = [] -%}
    {%- for t in range(1, n + 1) -%}
        {%- for s in range(0, t) -%}
            {%- set weight = (factorials[s] * factorials[t - s - 1]) / factorials[t] -%}
            {%- do rows.append(
                "select " ~ t ~ " as channel_count, " ~ s ~ " as subset_size, cast("
                ~ ('%.17g' | format(weight)) ~ " as " ~ mta.double_type() ~ ") as shapley_weight"
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(rows | join('\n    union all\n    ')) }}
{%- endmacro %}
