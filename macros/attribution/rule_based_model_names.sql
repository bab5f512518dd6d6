{#- The rule-based models computed by int_attribution_credits_rule_based. -#}
{% macro rule_based_model_names() -%}
    {{ return(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based']) }}
{%- endmacro %}
