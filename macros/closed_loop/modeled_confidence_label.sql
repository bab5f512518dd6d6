{#-
    The confidence label of a modeled-revenue cohort from the number of
    observed conversions whose channel mix it uses: `high` from var
    mta_modeled_high_confidence_min_conversions (30), `medium` from var
    mta_modeled_medium_confidence_min_conversions (10), else `low`; `none`
    when there is no mix at all (0 conversions).
-#}
{% macro modeled_confidence_label(cohort_conversions) -%}
    case
        when coalesce({{ cohort_conversions }}, 0) = 0 then 'none'
        when {{ cohort_conversions }} >= {{ mta.setting('mta_modeled_high_confidence_min_conversions') }} then 'high'
        when {{ cohort_conversions }} >= {{ mta.setting('mta_modeled_medium_confidence_min_conversions') }} then 'medium'
        else 'low'
    end
{%- endmacro %}
