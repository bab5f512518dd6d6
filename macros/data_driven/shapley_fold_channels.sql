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
