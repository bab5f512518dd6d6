{#- The attribution models the marts report, in display order. -#}
{% macro attribution_model_names() -%}
    {{ return(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'markov', 'shapley']) }}
{%- endmacro %}

{#- The rule-based models computed by int_attribution_credits_rule_based. -#}
{% macro rule_based_model_names() -%}
    {{ return(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based']) }}
{%- endmacro %}

{#-
    A relation of one row per name in `names`, in column `column_name`, with
    its 1-based position in `order_column` (portable: a union of literals).
-#}
{% macro literal_name_relation(names, column_name, order_column) -%}
    {%- for name in names %}
    select
        '{{ name }}' as {{ column_name }},
        {{ loop.index }} as {{ order_column }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#- The paid channels of the channel taxonomy: the ones ad spend can buy. -#}
{% macro paid_channel_names() -%}
    {{ return(['paid_search', 'paid_social', 'display', 'native', 'affiliate', 'video']) }}
{%- endmacro %}

{#-
    The path transform of the rule-based models (var mta_path_transform):
    `none`, `exposure` or `unique`, validated.
-#}
{% macro path_transform() -%}
    {%- set transform = mta.setting('mta_path_transform') | string | lower | trim -%}
    {%- if transform not in ['none', 'exposure', 'unique'] -%}
        {{ exceptions.raise_compiler_error("mta_path_transform must be one of none, exposure, unique; got '" ~ mta.setting('mta_path_transform') ~ "'") }}
    {%- endif -%}
    {{ return(transform) }}
{%- endmacro %}
