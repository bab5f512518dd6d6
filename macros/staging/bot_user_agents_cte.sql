{#-
    CTE `bot_user_agents`: the distinct user-agent keys of `input_cte` (column
    user_agent_key, lower case) that contain a pattern of the
    bot_user_agent_patterns seed (imported as CTE `bot_user_agent_patterns`)
    outside the pattern's `unless_within` word, if it has one.
    Matching runs once per distinct user agent, not per event.
-#}
{% macro bot_user_agents_cte(input_cte) -%}
bot_user_agents as (
    select distinct user_agents.user_agent_key
    from (
        select distinct user_agent_key
        from {{ input_cte }}
        where user_agent_key is not null
    ) as user_agents
    inner join bot_user_agent_patterns as patterns
        on
            nullif(trim(patterns.pattern), '') is not null
            and user_agents.user_agent_key like '%' || lower(trim(patterns.pattern)) || '%'
            and (
                nullif(trim(patterns.unless_within), '') is null
                or replace(
                    user_agents.user_agent_key, lower(trim(patterns.unless_within)), ''
                ) like '%' || lower(trim(patterns.pattern)) || '%'
            )
)
{%- endmacro %}
