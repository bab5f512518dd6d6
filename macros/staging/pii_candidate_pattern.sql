{#- A cheap test that text might hold personal data: every pattern above needs one of these. -#}
{% macro pii_candidate_pattern() -%}
    @|%40|[+][0-9]|%2[Bb][0-9]|[0-9][.][0-9]|[0-9]{3}[).-]|::|[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:
{%- endmacro %}
