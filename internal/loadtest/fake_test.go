package loadtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fault is a way for the fake server to break a promise.
type fault string

const (
	faultNone         fault = ""
	faultLoseCreate   fault = "lose create"   // every 5th create answers 201 but stores nothing
	faultKeepDeleted  fault = "keep deleted"  // every 3rd delete answers 204 but keeps the note
	faultDropUpdate   fault = "drop update"   // every 4th update answers 200 but changes nothing
	faultServerError  fault = "server error"  // every 20th request answers 500
	faultLocked       fault = "locked"        // every 20th request answers 503 "database is locked"
	faultReuseID      fault = "reuse id"      // every 10th create reuses the last id
	faultCloseConnect fault = "close connect" // every 20th request closes the connection without an answer
)

// fakeNotes is an in-memory /api/notes with faults to inject, to show that
// Run notices each broken promise.
type fakeNotes struct {
	fault fault
	mu    sync.Mutex
	notes map[int64]Note
	next  int64
	n     int
}

func newFake(t *testing.T, f fault) *httptest.Server {
	fk := &fakeNotes{fault: f, notes: map[int64]Note{}}
	srv := httptest.NewServer(fk)
	t.Cleanup(srv.Close)
	return srv
}

func (f *fakeNotes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	every := f.every
	isVerify := r.URL.Query().Has("id__in")
	switch {
	case isVerify:
	case f.fault == faultServerError && every(20):
		http.Error(w, `{"error":"Internal Server Error"}`, http.StatusInternalServerError)
		return
	case f.fault == faultLocked && every(20):
		http.Error(w, `{"error":"database is locked"}`, http.StatusServiceUnavailable)
		return
	case f.fault == faultCloseConnect && every(20):
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
		return
	}
	rest := strings.TrimPrefix(r.URL.Path, DefaultPath)
	if rest == "" {
		f.collection(w, r)
		return
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(rest, "/"), 10, 64)
	n, ok := f.notes[id]
	if !ok {
		http.Error(w, `{"error":"Not found"}`, 404)
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeNote(w, 200, id, n)
	case http.MethodPatch:
		var in Note
		json.NewDecoder(r.Body).Decode(&in)
		if !(f.fault == faultDropUpdate && every(4)) {
			f.notes[id] = in
		}
		writeNote(w, 200, id, in)
	case http.MethodDelete:
		if !(f.fault == faultKeepDeleted && every(3)) {
			delete(f.notes, id)
		}
		w.WriteHeader(204)
	}
}

func (f *fakeNotes) collection(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		var in Note
		json.NewDecoder(r.Body).Decode(&in)
		if !(f.fault == faultReuseID && f.every(10) && f.next > 0) {
			f.next++
		}
		if !(f.fault == faultLoseCreate && f.every(5)) {
			f.notes[f.next] = in
		}
		writeNote(w, 201, f.next, in)
		return
	}
	type row struct {
		ID int64 `json:"id"`
		Note
	}
	out := struct {
		Data []row `json:"data"`
	}{Data: []row{}}
	if ids := r.URL.Query().Get("id__in"); ids != "" {
		for _, s := range strings.Split(ids, ",") {
			id, _ := strconv.ParseInt(s, 10, 64)
			if n, ok := f.notes[id]; ok {
				out.Data = append(out.Data, row{id, n})
			}
		}
	}
	json.NewEncoder(w).Encode(out)
}

// every reports whether this is the k-th request of a run of k.
func (f *fakeNotes) every(k int) bool { return f.n%k == 0 }

func writeNote(w http.ResponseWriter, status int, id int64, n Note) {
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(struct {
		ID int64 `json:"id"`
		Note
	}{id, n})
}
