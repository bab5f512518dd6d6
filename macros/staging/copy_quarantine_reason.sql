{#-
    The quarantine reason of a copy of a kept row (expression; needs column
    duplicate_rank, 1 for the kept row, over `partition_by`): null for the
    kept row; `conflicting_duplicate` for a copy of the same version
    (`version_key`: the load time and the table's own version columns) whose
    figures (`figures_key`) differ from the kept row's, since nothing says
    which is right; `duplicate_event` for an older version or a copy with the
    same figures.
-#}
{% macro copy_quarantine_reason(partition_by, version_key, figures_key) -%}
    {%- set kept = "over (partition by " ~ partition_by ~ " order by duplicate_rank rows between unbounded preceding and unbounded following)" -%}
    case
        when duplicate_rank = 1 then null
        when
            coalesce({{ version_key }}, '') = coalesce(first_value({{ version_key }}) {{ kept }}, '')
            and coalesce({{ figures_key }}, '') <> coalesce(first_value({{ figures_key }}) {{ kept }}, '')
            then 'conflicting_duplicate'
        else 'duplicate_event'
    end
{%- endmacro %}
