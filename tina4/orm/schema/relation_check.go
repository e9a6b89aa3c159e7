package schema

import "fmt"

// checkRelations refuses the relation declarations that would be
// ambiguous: a relation named like a column of the model (a filter, an
// include or a JSON key could mean either), and two foreign keys to the
// same model claiming the same related name (the reverse relation could
// not tell which key points back).
func (m *Model) checkRelations() error {
	type claim struct {
		target any
		name   string
	}
	claimed := map[claim]*Relation{}
	for _, r := range m.Relations {
		if f := m.byColumn[r.Name]; f != nil && f.rel != r {
			return fmt.Errorf("orm: model %s: relation %q has the name of the column of field %s: rename one", m.Name, r.Name, f.Name)
		}
		if f := m.byColumn[r.Name]; f != nil && f.rel == r {
			return fmt.Errorf("orm: model %s: ForeignKey %s: its column %q has the relation's own name: name the column %s_id", m.Name, f.Name, f.Column, r.Name)
		}
		if r.Kind != RelBelongsTo {
			continue
		}
		c := claim{r.targetType, r.RelatedName}
		if prev := claimed[c]; prev != nil {
			return fmt.Errorf("orm: model %s: foreign keys %s and %s both claim the related name %q on %s: give one a related_name tag",
				m.Name, prev.Key.Name, r.Key.Name, r.RelatedName, r.targetType.Name())
		}
		claimed[c] = r
	}
	return nil
}
